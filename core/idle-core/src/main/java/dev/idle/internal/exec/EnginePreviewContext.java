package dev.idle.internal.exec;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Access;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Operation;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.Provider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

/**
 * The {@link PreviewContext} the engine hands to a step's previewer: the step's inputs and sessions as a run would
 * have them (through an {@link EngineStepContext}), and each provider only as a view implementing the one read
 * interface asked for, so that a previewer cannot reach a write method by casting. An interface whose definition
 * says {@link Access#WRITE} is refused with {@link IllegalArgumentException}.
 */
final class EnginePreviewContext implements PreviewContext {
    private final EngineStepContext step;

    EnginePreviewContext(EngineStepContext step) {
        this.step = step;
    }

    @Override
    public String stepName() {
        return step.stepName();
    }

    @Override
    public String stepType() {
        return step.stepType();
    }

    @Override
    public DataMap with() {
        return step.with();
    }

    @Override
    public boolean canRead(String alias, Class<?> contract) {
        requireRead(contract);
        try {
            return contract.isInstance(step.provider(alias));
        } catch (IllegalStateException notSupplied) {
            return false;
        }
    }

    @Override
    public <P, R> R read(String alias, String authSessionName, Class<P> contract, BiFunction<P, AuthSession, R> call) {
        Operation operation = requireRead(contract);
        Provider provider = step.provider(alias);
        if (!contract.isInstance(provider)) {
            throw new UnsupportedOperationException("Provider '" + alias + "' does not implement "
                    + operation.method() + " method.");
        }
        AuthSession session = authSessionName == null ? null : step.acquireAuthSession(authSessionName, options());
        P view = readOnlyView(contract, provider);
        return call.apply(view, provider.acceptsAuthSession(operation.method()) ? session : null);
    }

    @Override
    public boolean definesAuthSession(String name) {
        return step.definesAuthSession(name);
    }

    private DataMap options() {
        Object options = with().get("AuthSessionOptions");
        if (options != null && !(options instanceof DataMap)) {
            throw new IllegalArgumentException("With.AuthSessionOptions must be a hashtable or null.");
        }
        return (DataMap) options;
    }

    private static Operation requireRead(Class<?> contract) {
        Operation operation = Operation.of(contract);
        if (operation.access() != Access.READ) {
            throw new IllegalArgumentException(operation + " may change the backend; a preview may only read.");
        }
        return operation;
    }

    /** {@code provider} seen only as {@code contract}: every call goes to the provider, no other type is visible. */
    private static <P> P readOnlyView(Class<P> contract, Provider provider) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, contract);
            }
            try {
                return method.invoke(provider, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, handler));
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Class<?> contract) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "read-only " + contract.getSimpleName();
        };
    }
}
