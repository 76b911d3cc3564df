package dev.idle.internal.auth;

import dev.idle.spi.SecretReferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Builds a host's {@link SecretReferences} from its folder and its {@code secretsDir} setting: the folder, if given,
 * must exist (relative paths resolve against the host file's folder). A bad setting adds a problem to the host's
 * list and leaves the host without a {@code secretsDir}, so that request data can name no secret file.
 */
public final class HostSecrets {
    private HostSecrets() {
    }

    /**
     * @param secretsDir the raw {@code secretsDir} value of the host file, or null
     * @param source     names the host file in problems
     */
    public static SecretReferences of(Object secretsDir, Path baseDirectory, String source,
                                      Function<String, String> environment, List<String> problems) {
        Path base = baseDirectory == null ? Path.of(".") : baseDirectory;
        return SecretReferences.of(base, folder(secretsDir, base, source, problems), environment);
    }

    private static Path folder(Object raw, Path base, String source, List<String> problems) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String s) || s.isBlank()) {
            problems.add(source + ": secretsDir must be the path of a folder");
            return null;
        }
        Path dir = base.resolve(s.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            problems.add(source + ": secretsDir " + dir + " is not a folder");
            return null;
        }
        return dir;
    }
}
