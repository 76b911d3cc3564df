package dev.idle.testing;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.SecretReferences;
import java.nio.file.Path;
import java.util.List;

/**
 * Provider type {@code recording} for Host tests: remembers the options and resolves {@code stateFile} against the
 * host file's folder the way file-backed providers do. Option {@code fail} makes creation fail; option
 * {@code advertise} (a list of capability ids) is what the provider advertises, though it implements none.
 */
public final class RecordingProviderFactory implements ProviderFactory {

    /** What the factory was given. */
    public record Created(String alias, DataMap options, Path baseDirectory, Path stateFile, SecretReferences secrets)
            implements Provider {
        @Override
        public List<String> capabilities() {
            return options.get("advertise") instanceof List<?> ids ? ids.stream().map(String::valueOf).toList()
                    : List.of();
        }
    }

    @Override
    public String type() {
        return "recording";
    }

    @Override
    public Provider create(String alias, DataMap options, Environment env) {
        if (options.get("fail") != null) {
            throw new IllegalArgumentException("fail: " + options.get("fail"));
        }
        Object stateFile = options.get("stateFile");
        Path resolved = stateFile == null ? null : env.baseDirectory().resolve(String.valueOf(stateFile)).normalize();
        return new Created(alias, options, env.baseDirectory(), resolved, env.secrets());
    }
}
