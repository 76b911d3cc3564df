package dev.idle.internal.redact;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes output-safe copies of data: values under secret-named keys, secrets, auth sessions and executable values
 * become {@code [REDACTED]}. Maps are re-keyed in case-insensitive sorted order so output is deterministic. Only true
 * cycles are cut (a shared, non-cyclic sub-object is copied each time it appears). The input is never changed.
 */
public final class Redactor {
    public static final String MARKER = "[REDACTED]";

    private static final Set<String> SECRET_KEYS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        SECRET_KEYS.addAll(List.of("password", "passphrase", "secret", "token", "apikey", "clientSecret",
                "accessToken", "refreshToken", "credential", "privateKey", "AccountPassword",
                "AccountPasswordAsPlainText", "GeneratedAccountPasswordPlainText",
                "GeneratedAccountPasswordProtected"));
    }

    private Redactor() {
    }

    /**
     * Words that mark a key as secret-named at output boundaries when the key, without separators, equals or ends in
     * one ({@code TemporaryPassword}, {@code bearerToken}, {@code X-Api-Key}, {@code SessionCookie}).
     */
    private static final List<String> SECRET_ENDINGS = List.of("password", "passphrase", "secret", "token", "apikey",
            "privatekey", "credential", "credentials", "authorization", "pwd", "pin", "cookie");

    /** True for IdLE's exact secret key names (case-insensitive); templates may not read values under them. */
    public static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(key);
    }

    /**
     * True when values under this key are redacted in every output: IdLE's exact names, and, going further than
     * IdLE, any key that equals or ends in a secret word once case and separators ({@code -}, {@code _}, {@code .},
     * spaces) are ignored ({@code TemporaryPassword}, {@code bearerToken}, {@code X-Api-Key}, {@code Pwd},
     * {@code SessionCookie}), so that a request field such as an initial password never reaches a plan, result,
     * event or log. A word elsewhere in the key does not count: {@code passwordHint}, {@code tokenCount},
     * {@code pinned} and {@code forceChangePasswordNextSignIn} are not secret-named, while {@code Spin} is (it ends
     * in {@code pin}).
     */
    public static boolean isSecretNamedKey(String key) {
        if (key == null) {
            return false;
        }
        if (SECRET_KEYS.contains(key)) {
            return true;
        }
        String word = lettersAndDigits(key);
        return SECRET_ENDINGS.stream().anyMatch(word::endsWith);
    }

    /** {@code key} in lower case without separators: {@code X-Api-Key} and {@code x_api_key} become {@code xapikey}. */
    private static String lettersAndDigits(String key) {
        StringBuilder out = new StringBuilder(key.length());
        key.toLowerCase(java.util.Locale.ROOT).codePoints().filter(Character::isLetterOrDigit)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** True for values that are redacted wherever they appear. */
    public static boolean isSecretValue(Object v) {
        return v instanceof Secret || v instanceof AuthSession || v instanceof ExecutableValue;
    }

    public static Object redact(Object value) {
        return copy(value, new IdentityHashMap<>());
    }

    public static DataMap redactMap(DataMap value) {
        return value == null ? null : (DataMap) redact(value);
    }

    /** True when {@link #redact} would replace anything in {@code value}. */
    public static boolean wouldRedact(Object value) {
        return touches(value, new IdentityHashMap<>());
    }

    private static boolean touches(Object v, IdentityHashMap<Object, Boolean> path) {
        if (isSecretValue(v)) {
            return true;
        }
        if (!(v instanceof Map<?, ?>) && !(v instanceof Collection<?>)) {
            return false;
        }
        if (path.put(v, Boolean.TRUE) != null) {
            return true;
        }
        try {
            if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (isSecretNamedKey(String.valueOf(e.getKey())) || touches(e.getValue(), path)) {
                        return true;
                    }
                }
                return false;
            }
            for (Object item : (Collection<?>) v) {
                if (touches(item, path)) {
                    return true;
                }
            }
            return false;
        } finally {
            path.remove(v);
        }
    }

    private static Object copy(Object v, IdentityHashMap<Object, Boolean> path) {
        if (v == null) {
            return null;
        }
        if (isSecretValue(v)) {
            return MARKER;
        }
        if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
            if (path.containsKey(v)) {
                return MARKER;
            }
            path.put(v, Boolean.TRUE);
            try {
                return v instanceof Map<?, ?> m ? copyMap(m, path) : copyList((Collection<?>) v, path);
            } finally {
                path.remove(v);
            }
        }
        return v;
    }

    private static DataMap copyMap(Map<?, ?> m, IdentityHashMap<Object, Boolean> path) {
        TreeSet<String> keys = new TreeSet<>((a, b) -> {
            int c = a.toUpperCase(java.util.Locale.ROOT).compareTo(b.toUpperCase(java.util.Locale.ROOT));
            return c != 0 ? c : a.compareTo(b);
        });
        Map<String, Object> byKey = new java.util.HashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            keys.add(k);
            byKey.put(k, e.getValue());
        }
        DataMap out = new DataMap();
        for (String k : keys) {
            out.put(k, isSecretNamedKey(k) ? MARKER : copy(byKey.get(k), path));
        }
        return out;
    }

    private static List<Object> copyList(Collection<?> c, IdentityHashMap<Object, Boolean> path) {
        List<Object> out = new ArrayList<>(c.size());
        for (Object item : c) {
            out.add(copy(item, path));
        }
        return out;
    }
}
