package dev.idle.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Reads the secrets a host's configuration refers to, so that no provider reads environment variables or secret files
 * on its own. Two origins, two levels of trust:
 * <ul>
 *   <li><b>The host file</b> (written by whoever runs the engine): options naming an environment variable
 *       ({@code passwordEnv}, {@code env}) or a file ({@code passwordFile}, {@code file}), and {@code env:NAME} /
 *       {@code file:PATH} references. A relative file resolves against the host file's folder; an absolute one is
 *       used as written. Failures are {@link ProviderException}s (non-transient).</li>
 *   <li><b>Workflow or request data</b> (written by whoever submits a request, e.g. the AD provider's
 *       {@code AccountPassword}): only {@code env:NAME}, or {@code file:PATH} with a relative path inside the folder
 *       the host file names as {@code secretsDir}. Absolute paths, {@code ..} escapes and symbolic links leading out
 *       of that folder are refused, and without a {@code secretsDir} every {@code file:} reference is. Failures are
 *       {@link IllegalArgumentException}s: the request's data is at fault.</li>
 * </ul>
 *
 * <p>Values are stripped of surrounding white space (a trailing newline in a file, a pasted space in a variable); an
 * unset or blank variable and a blank file are errors. Messages name the variable, the file or the reference, never
 * the secret. Immutable and thread-safe; files and variables are read on every call, so a rotated secret is picked up.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SecretReferences {
    /** The prefix of a reference to an environment variable, compared ignoring case. */
    public static final String ENV_PREFIX = "env:";
    /** The prefix of a reference to a file, compared ignoring case. */
    public static final String FILE_PREFIX = "file:";

    private static final String SECRET_FILE = "secret file";

    private final Path hostFolder;
    private final Path secretsDir;
    private final Function<String, String> environment;

    private SecretReferences(Path hostFolder, Path secretsDir, Function<String, String> environment) {
        this.hostFolder = Objects.requireNonNull(hostFolder, "hostFolder");
        this.secretsDir = secretsDir;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * References of a host file in {@code hostFolder} whose {@code secretsDir} is {@code secretsDir} (null: none),
     * reading environment variables through {@code environment}.
     */
    public static SecretReferences of(Path hostFolder, Path secretsDir, Function<String, String> environment) {
        return new SecretReferences(hostFolder, secretsDir, environment);
    }

    /** References of a host file in {@code hostFolder} without {@code secretsDir}, reading the process environment. */
    public static SecretReferences of(Path hostFolder) {
        return new SecretReferences(hostFolder, null, System::getenv);
    }

    /** The same references, reading environment variables through {@code variables} (tests, embedding hosts). */
    public SecretReferences withEnvironment(Function<String, String> variables) {
        return new SecretReferences(hostFolder, secretsDir, variables);
    }

    /** The folder relative host-file paths resolve against. */
    public Path hostFolder() {
        return hostFolder;
    }

    /** The folder {@code file:} references from workflow or request data must stay inside, if the host names one. */
    public Optional<Path> secretsDir() {
        return Optional.ofNullable(secretsDir);
    }

    /** {@code path} from a host file: relative to the host file's folder, absolute as written; normalised. */
    public Path hostPath(String path) {
        return hostFolder.resolve(path).toAbsolutePath().normalize();
    }

    /** Whether {@code text} starts with {@code env:} or {@code file:} (ignoring case). */
    public static boolean isReference(String text) {
        String lower = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith(ENV_PREFIX) || lower.startsWith(FILE_PREFIX);
    }

    // ------------------------------------------------------------------------------------------- host-file secrets

    /**
     * The value of environment variable {@code variable}, named by a host-file option.
     *
     * @param context the prefix of the error message, e.g. {@code "Okta provider 'okta'"}
     * @throws ProviderException {@code "<context>: environment variable <variable> is not set."}
     */
    public Secret environment(String variable, String context) {
        return environment(variable, context, null);
    }

    /**
     * Like {@link #environment(String, String)}; {@code description} (e.g. {@code "client secret"}) says in the
     * message what the variable should hold: {@code "... environment variable X (client secret) is not set."}.
     */
    public Secret environment(String variable, String context, String description) {
        String value = variable(variable);
        if (value == null) {
            throw new ProviderException(context + ": environment variable " + variable
                    + (description == null ? "" : " (" + description + ")") + " is not set.");
        }
        return Secret.of(value);
    }

    /**
     * The content of {@code path}, named by a host-file option and resolved by {@link #hostPath}.
     *
     * @throws ProviderException {@code "<context>: cannot read secret file <path>: <error type>"}, or
     *                           {@code "<context>: secret file <path> is empty."}
     */
    public Secret file(String path, String context) {
        return file(path, context, SECRET_FILE);
    }

    /**
     * Like {@link #file(String, String)}; {@code description} replaces the words "secret file" in the message,
     * e.g. {@code "client secret file"} or {@code "trustStorePasswordFile"}.
     */
    public Secret file(String path, String context, String description) {
        return read(hostPath(path), context, description);
    }

    /**
     * The content of a secret file whose path is already resolved (e.g. a key file named by an auth session), with
     * the messages of {@link #file(String, String, String)}.
     */
    public static Secret read(Path file, String context, String description) {
        String value;
        try {
            value = read(file);
        } catch (IOException e) {
            throw new ProviderException(context + ": cannot read " + description + " " + file + ": "
                    + e.getClass().getSimpleName());
        }
        if (value.isEmpty()) {
            throw new ProviderException(context + ": " + description + " " + file + " is empty.");
        }
        return Secret.of(value);
    }

    /**
     * An {@code env:NAME} or {@code file:PATH} reference written in the host file; a relative path resolves against
     * the host file's folder.
     *
     * @throws ProviderException as {@link #environment(String, String)} and {@link #file(String, String)}, or when
     *                           {@code reference} is not a reference
     */
    public Secret hostReference(String reference, String context) {
        String ref = reference == null ? "" : reference.trim();
        if (hasPrefix(ref, ENV_PREFIX)) {
            return environment(ref.substring(ENV_PREFIX.length()).trim(), context);
        }
        if (hasPrefix(ref, FILE_PREFIX)) {
            return file(ref.substring(FILE_PREFIX.length()).trim(), context);
        }
        throw new ProviderException(context + ": expected a secret reference 'env:<VARIABLE>' or 'file:<path>'.");
    }

    // ------------------------------------------------------------------------------- workflow and request secrets

    /**
     * An {@code env:NAME} or {@code file:PATH} reference that came with workflow or request data, under {@code key}
     * (e.g. {@code AccountPassword}): a variable, or a file inside {@code secretsDir} and nowhere else.
     *
     * @throws IllegalArgumentException naming {@code key} and the reference (never the secret) when the reference is
     *                                  malformed or refused, the variable is unset or the file unreadable or empty
     */
    public Secret requestReference(String reference, String key) {
        String ref = reference == null ? "" : reference.trim();
        if (hasPrefix(ref, ENV_PREFIX)) {
            String variable = ref.substring(ENV_PREFIX.length()).trim();
            String value = variable.isEmpty() ? null : variable(variable);
            if (value == null) {
                throw new IllegalArgumentException(key + ": environment variable " + variable + " is not set.");
            }
            return Secret.of(value);
        }
        if (!hasPrefix(ref, FILE_PREFIX)) {
            throw new IllegalArgumentException(key + ": expected a secret reference 'env:<VARIABLE>' or "
                    + "'file:<path>'.");
        }
        Path file = insideSecretsDir(ref.substring(FILE_PREFIX.length()).trim(), ref, key);
        String value;
        try {
            value = read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read secret file '" + ref + "': "
                    + e.getClass().getSimpleName());
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + ": the referenced secret is empty.");
        }
        return Secret.of(value);
    }

    /**
     * {@code path} resolved inside {@code secretsDir}, or an error saying why it is refused. The check is made on
     * real paths, so a symbolic link inside the folder that points out of it is refused as well; what remains open
     * is a race with someone who can already write inside {@code secretsDir}.
     */
    private Path insideSecretsDir(String path, String ref, String key) {
        String refused = key + ": the secret reference '" + ref + "' is refused: ";
        if (secretsDir == null) {
            throw new IllegalArgumentException(refused + "files named by workflow or request data are read only from"
                    + " the folder the host file names as 'secretsDir', and this host file names none. Add"
                    + " 'secretsDir: <folder>' to the host file and put the file there (see docs/host-file.md), or"
                    + " use 'env:<VARIABLE>'.");
        }
        Path relative;
        try {
            relative = Path.of(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(refused + "it is not a valid path.");
        }
        if (path.isEmpty() || relative.isAbsolute() || relative.getRoot() != null) {
            throw new IllegalArgumentException(refused + "it must be a relative path inside secretsDir ("
                    + secretsDir + ").");
        }
        Path root;
        Path real;
        try {
            root = secretsDir.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read secret file '" + ref + "': secretsDir "
                    + secretsDir + " is not readable (" + e.getClass().getSimpleName() + ").");
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            throw new IllegalArgumentException(refused + "it leads out of secretsDir (" + secretsDir + ").");
        }
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read secret file '" + ref + "': "
                    + e.getClass().getSimpleName());
        }
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException(refused + "it is a link that leads out of secretsDir (" + secretsDir
                    + ").");
        }
        return real;
    }

    private String variable(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static boolean hasPrefix(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
