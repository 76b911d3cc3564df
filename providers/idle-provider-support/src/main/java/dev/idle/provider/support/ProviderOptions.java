package dev.idle.provider.support;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.SecretReferences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the options of a host-file provider entry for a {@link ProviderFactory}: typed values whose errors name the
 * key at fault and rejection of unknown keys. Secrets the options refer to are read by
 * {@link dev.idle.spi.SecretReferences} ({@link ProviderFactory.Environment#secrets()}).
 *
 * <p>{@code at} is the prefix of every message, e.g. {@code "Okta provider 'okta'"}, so a user with several
 * providers sees which entry is wrong. Keys compare case-insensitively, as everywhere in host files. The key
 * {@code type} is always allowed: it selects the factory.
 */
public final class ProviderOptions {
    /** The keys of a {@code type: Credential} auth map; see {@link #credentialAuthProblems}. */
    public static final List<String> CREDENTIAL_AUTH_KEYS = List.of("type", "username", "usernameEnv",
            "usernameFile", "passwordEnv", "passwordFile");

    private ProviderOptions() {
    }

    /**
     * One message per key of {@code options} that is neither {@code type} nor in {@code supported}, for factories
     * that report every problem of an entry at once.
     */
    public static List<String> unknownOptions(DataMap options, List<String> supported) {
        List<String> problems = new ArrayList<>();
        for (String key : options.keySet()) {
            if (!key.equalsIgnoreCase("type") && supported.stream().noneMatch(key::equalsIgnoreCase)) {
                problems.add("unknown option '" + key + "'. Supported options: " + String.join(", ", supported)
                        + ".");
            }
        }
        return problems;
    }

    /** Throws for the first key of {@code options} that is neither {@code type} nor in {@code supported}. */
    public static void rejectUnknownOptions(String at, DataMap options, List<String> supported) {
        List<String> problems = unknownOptions(options, supported);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(at + ": " + problems.get(0));
        }
    }

    /**
     * The problems of an {@code auth} map of the form
     * {@code { type: Credential, username | usernameEnv | usernameFile, passwordEnv | passwordFile }} (the directory
     * account of the AD and Entra Connect providers): unknown keys, with a hint where a password was written inline,
     * a wrong type, and a missing user name or password reference.
     */
    public static List<String> credentialAuthProblems(DataMap auth) {
        List<String> problems = new ArrayList<>();
        for (String key : auth.keySet()) {
            if (CREDENTIAL_AUTH_KEYS.stream().noneMatch(key::equalsIgnoreCase)) {
                problems.add("auth." + key + " is not supported"
                        + (key.toLowerCase(Locale.ROOT).contains("password")
                        ? "; secrets must not be written in the host file: use passwordEnv or passwordFile"
                        : ". Supported: " + String.join(", ", CREDENTIAL_AUTH_KEYS)) + ".");
            }
        }
        String type = optionalText(auth, "type");
        if (type != null && !type.equalsIgnoreCase("Credential")) {
            problems.add("auth.type must be 'Credential', got '" + type + "'.");
        }
        if (optionalText(auth, "username") == null && optionalText(auth, "usernameEnv") == null
                && optionalText(auth, "usernameFile") == null) {
            problems.add("auth needs username, usernameEnv or usernameFile.");
        }
        if (optionalText(auth, "passwordEnv") == null && optionalText(auth, "passwordFile") == null) {
            problems.add("auth needs passwordEnv or passwordFile.");
        }
        return problems;
    }

    /**
     * The host's secret references ({@link ProviderFactory.Environment#secrets()}; without an environment, relative
     * to the working directory), reading environment variables through {@code environment}: a factory's own
     * variable lookup, which tests and embedding hosts replace.
     */
    public static SecretReferences secrets(ProviderFactory.Environment env, Function<String, String> environment) {
        return (env == null ? SecretReferences.of(Path.of(".")) : env.secrets()).withEnvironment(environment);
    }

    /** The folder relative paths resolve against: the host file's, or the working directory without one. */
    public static Path baseDirectory(ProviderFactory.Environment env) {
        return env == null || env.baseDirectory() == null ? Path.of(".") : env.baseDirectory();
    }

    /** The value of {@code key} as trimmed text (any scalar is accepted), or null when absent or blank. */
    public static String optionalText(DataMap options, String key) {
        Object v = options.get(key);
        if (v == null) {
            return null;
        }
        String s = Values.ps(v).trim();
        return s.isEmpty() ? null : s;
    }

    /** {@code value} as a trimmed, non-empty string; anything else (including null) is an error naming {@code key}. */
    public static String string(Object value, String at, String key) {
        if (value instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be a non-empty string, got '"
                + Values.ps(value) + "'.");
    }

    /** A boolean, or the strings {@code true}/{@code false} in any case; {@code dflt} when absent. */
    public static boolean bool(Object value, String at, String key, boolean dflt) {
        if (value == null) {
            return dflt;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.trim());
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be true or false, got '"
                + Values.ps(value) + "'.");
    }

    /** A whole number (or its text) from {@code min} to {@code max} inclusive; {@code dflt} when absent. */
    public static int integer(Object value, String at, String key, int dflt, int min, int max) {
        if (value == null) {
            return dflt;
        }
        try {
            int n;
            if (value instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
                n = Math.toIntExact(num.longValue());
            } else if (value instanceof String s) {
                n = Integer.parseInt(s.trim());
            } else {
                throw new NumberFormatException();
            }
            if (n >= min && n <= max) {
                return n;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be a whole number from " + min + " to "
                + max + ", got '" + Values.ps(value) + "'.");
    }
}
