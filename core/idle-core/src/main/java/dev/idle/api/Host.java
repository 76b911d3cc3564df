package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.spi.CapabilityRegistry;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.SecretReferences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A host file ({@code .yaml}/{@code .json}): providers by alias, auth sessions, execution options and the
 * {@code secretsDir} request data may take secret files from. Providers are created through the
 * {@link ProviderFactory} whose {@code type} matches; relative paths resolve against the host file's folder.
 *
 * <p>Thread-safe once loaded: its providers, broker and execution options are fixed when {@link #load} returns, and
 * any number of threads may plan and run with them at once (a batch shares one host among its workers). Whether a
 * provider's own calls may overlap is that provider's contract; the built-in ones allow it. {@link #close()} must not
 * overlap a run.
 */
@API(status = STABLE, since = "0.1")
public final class Host implements AutoCloseable {
    private static final List<String> KEYS = List.of("providers", "authSessions", "executionOptions",
            "secretsDir");

    private final Providers providers;
    private final ExecutionOptions executionOptions;

    private Host(Providers providers, ExecutionOptions executionOptions) {
        this.providers = providers;
        this.executionOptions = executionOptions;
    }

    public static Host load(Path file) {
        return load(file, System::getenv);
    }

    /** Like {@link #load(Path)}, reading secrets' environment variables through {@code environment}. */
    public static Host load(Path file, Function<String, String> environment) {
        Object data = RuntimeLookup.runtime().loadData(file);
        Path base = file.toAbsolutePath().getParent();
        return fromData(data, base, file.toString(), environment);
    }

    /** A host from an already loaded tree; {@code source} names it in messages. */
    public static Host fromData(Object data, Path baseDirectory, String source, Function<String, String> environment) {
        if (!(data instanceof DataMap root)) {
            throw new IdleInputException(source + ": a host file must be a map at the root");
        }
        List<String> problems = new ArrayList<>();
        for (String key : root.keySet()) {
            if (KEYS.stream().noneMatch(key::equalsIgnoreCase)) {
                problems.add(source + ": unknown key '" + key + "'. Allowed keys: " + String.join(", ", KEYS) + ".");
            }
        }
        Providers.Builder builder = Providers.builder();
        SecretReferences secrets = RuntimeLookup.runtime().hostSecrets(root.get("secretsDir"), baseDirectory, source, environment, problems);
        Object rawProviders = root.get("providers");
        if (rawProviders != null && !(rawProviders instanceof DataMap)) {
            problems.add(source + ": providers must be a map of alias to provider definition");
        } else if (rawProviders instanceof DataMap pm) {
            createProviders(pm, baseDirectory, secrets, source, builder, problems);
        }
        if (root.get("authSessions") != null) {
            try {
                builder.broker(RuntimeLookup.runtime().hostAuthSessions(root.get("authSessions"), baseDirectory,
                        source, environment));
            } catch (IdleInputException e) {
                problems.addAll(e.problems());
            }
        }
        ExecutionOptions options = ExecutionOptions.defaults();
        try {
            options = ExecutionOptions.fromData(root.get("executionOptions"), source);
        } catch (IdleInputException e) {
            problems.addAll(e.problems());
        }
        Providers providers = builder.build();
        if (!problems.isEmpty()) {
            providers.close();
            throw new IdleInputException(source + ": invalid host file", problems);
        }
        return new Host(providers, options);
    }

    private static void createProviders(DataMap pm, Path base, SecretReferences secrets, String source,
                                        Providers.Builder builder, List<String> problems) {
        Map<String, ProviderFactory> factories = RuntimeLookup.runtime().providerFactories(Host.class.getClassLoader());
        CapabilityRegistry capabilities = CapabilityRegistry.installed();
        Map<String, Object> shared = new HashMap<>();
        ProviderFactory.Environment env = new ProviderFactory.Environment() {
            @Override
            public Path baseDirectory() {
                return base;
            }

            @Override
            public Map<String, Object> shared() {
                return shared;
            }

            @Override
            public SecretReferences secrets() {
                return secrets;
            }
        };
        for (Map.Entry<String, Object> e : pm.entrySet()) {
            String at = source + ": providers." + e.getKey();
            if (!(e.getValue() instanceof DataMap def)) {
                problems.add(at + " must be a map with a 'type'");
                continue;
            }
            String type = def.getString("type");
            ProviderFactory factory = type == null ? null : factories.get(type);
            if (factory == null) {
                problems.add(at + ".type: " + (type == null ? "missing" : "unknown provider type '" + type + "'")
                        + ". Known types: " + String.join(", ", factories.keySet()) + ".");
                continue;
            }
            DataMap options = new DataMap(def);
            options.remove("type");
            try {
                Provider p = factory.create(e.getKey(), options, env);
                builder.provider(e.getKey(), p);
                capabilities.requireImplemented(e.getKey(), type, p);
            } catch (RuntimeException ex) {
                problems.add(at + ": " + ex.getMessage());
            }
        }
    }

    public Providers providers() {
        return providers;
    }

    public ExecutionOptions executionOptions() {
        return executionOptions;
    }

    /** Closes the providers: file-backed ones write their state. */
    @Override
    public void close() {
        providers.close();
    }
}
