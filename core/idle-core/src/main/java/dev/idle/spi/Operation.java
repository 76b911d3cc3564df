package dev.idle.spi;

import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One provider method as the SPI defines it: the interface a provider implements, IdLE's name of the method and
 * whether it only reads. Read from the interface's {@link CapabilityContract} or {@link OptionalOperation}.
 *
 * @param contract the method's interface
 * @param method   IdLE's method name ({@code RevokeSessions}), used in {@code ProviderResult.operation()}, in
 *                 "does not implement" messages and by {@link Provider#acceptsAuthSession}
 * @param access   whether the method only reads the backend or may change it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Operation(Class<?> contract, String method, Access access) {
    private static final ClassValue<Operation> DEFINED = new ClassValue<>() {
        @Override
        protected Operation computeValue(Class<?> type) {
            CapabilityContract capability = type.getAnnotation(CapabilityContract.class);
            if (capability != null) {
                return new Operation(type, capability.method(), capability.access());
            }
            OptionalOperation optional = type.getAnnotation(OptionalOperation.class);
            if (optional != null) {
                return new Operation(type, optional.method(), optional.access());
            }
            throw new IllegalArgumentException(type.getName() + " is not a provider operation: it carries neither"
                    + " @CapabilityContract nor @OptionalOperation.");
        }
    };

    public Operation {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(access, "access");
        if (!contract.isInterface()) {
            throw new IllegalArgumentException(contract.getName() + " is not an interface.");
        }
        if (method == null || method.isBlank() || !method.equals(method.trim())) {
            throw new IllegalArgumentException(contract.getName() + ": the method name must be a word, got '"
                    + method + "'.");
        }
    }

    /**
     * The operation {@code contract} defines (cached per interface).
     *
     * @throws IllegalArgumentException when the interface carries neither annotation
     */
    public static Operation of(Class<?> contract) {
        return DEFINED.get(Objects.requireNonNull(contract, "contract"));
    }

    /** True when {@code provider} implements the interface. */
    public boolean isImplementedBy(Object provider) {
        return contract.isInstance(provider);
    }

    /** {@code SessionRevoker.RevokeSessions}. */
    @Override
    public String toString() {
        return contract.getSimpleName() + "." + method;
    }
}
