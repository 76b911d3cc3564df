package dev.idle.spi;

import dev.idle.api.data.DataMap;
import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Creates providers from a host file entry ({@code type: mock} plus options). Discovered with
 * {@link java.util.ServiceLoader}.
 */
@API(status = STABLE, since = "0.1")
public interface ProviderFactory {
    /** The {@code type} value this factory answers to (case-insensitive). */
    String type();

    /**
     * @param alias   the alias the host gave the provider
     * @param options the entry's other keys
     * @param env     where relative paths resolve, and resources shared between providers of one host
     * @throws IllegalArgumentException for invalid options, naming the key at fault
     */
    Provider create(String alias, DataMap options, Environment env);

    /** Context for {@link #create}. */
    @API(status = STABLE, since = "0.1")
    interface Environment {
        /** The folder of the host file; relative paths in options resolve against it. */
        Path baseDirectory();

        /** Resources shared by all providers created for one host (e.g. one store per state file). */
        Map<String, Object> shared();

        /**
         * Reads the secrets the host's options and the requests' data refer to: files relative to
         * {@link #baseDirectory()}, {@code file:} references from request data only inside the host's
         * {@code secretsDir}. The default (for environments built by hand, e.g. in tests) has no {@code secretsDir}
         * and reads the process environment.
         */
        default SecretReferences secrets() {
            return SecretReferences.of(baseDirectory() == null ? Path.of(".") : baseDirectory());
        }
    }
}
