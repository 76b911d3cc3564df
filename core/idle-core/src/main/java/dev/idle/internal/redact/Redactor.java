package dev.idle.internal.redact;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.spi.AuthSession;
import dev.idle.spi.CredentialMasking;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Makes output-safe copies of data: values under secret-named keys, secrets, auth sessions and executable values
 * become {@code [REDACTED]}, and in every other string the parts that look like a credential (a bearer token, a JWT,
 * a private key block, a connection string's password, see {@link CredentialMasking#mask}) are masked. Maps are
 * re-keyed in case-insensitive sorted order so output is deterministic. Only true cycles are cut (a shared, non-cyclic sub-object is copied each time it appears). The input is never changed.
 */
public final class Redactor {
    public static final String MARKER = CredentialMasking.MARKER;

    private Redactor() {
    }

    /** True for IdLE's exact secret key names (case-insensitive). */
    public static boolean isSecretKey(String key) {
        return CredentialMasking.isIdleSecretName(key);
    }

    /**
     * True when values under this key are redacted in every output: IdLE's exact names, and, going further than
     * IdLE, any key that equals or ends in a secret word once case and separators are ignored (the rule of
     * {@link CredentialMasking#isSecretNamedKey}).
     */
    public static boolean isSecretNamedKey(String key) {
        return CredentialMasking.isSecretNamedKey(key);
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
        return !redactedPaths(value, "", UnaryOperator.identity()).isEmpty();
    }

    /**
     * Where output would hide something of {@code value}, as paths below {@code root} such as
     * {@code With.Attributes.Password} or {@code With.Groups[1]}, in the order found; names the places, never the
     * values.
     *
     * @param named  paths of values under secret-named keys, of text that looks like a credential, of auth sessions
     *               and executable values
     * @param copied paths of {@link Secret}s (a template read them from a secret-named path) and of strings that
     *               {@code scrub} changes (a known secret was copied into them)
     */
    public record Paths(List<String> named, List<String> copied) {
        public boolean isEmpty() {
            return named.isEmpty() && copied.isEmpty();
        }
    }

    /** The {@link Paths} at which {@link #redact}, then {@code scrub} on each string, would change {@code value}. */
    public static Paths redactedPaths(Object value, String root, UnaryOperator<String> scrub) {
        Paths out = new Paths(new ArrayList<>(), new ArrayList<>());
        collectPaths(value, root, scrub, new IdentityHashMap<>(), out);
        return out;
    }

    private static void collectPaths(Object v, String at, UnaryOperator<String> scrub,
                                     IdentityHashMap<Object, Boolean> path, Paths out) {
        if (v instanceof Secret) {
            out.copied().add(at);
        } else if (isSecretValue(v)) {
            out.named().add(at);
        } else if (v instanceof String s) {
            if (CredentialMasking.containsCredential(s)) {
                out.named().add(at);
            } else if (!scrub.apply(s).equals(s)) {
                out.copied().add(at);
            }
        } else if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
            if (path.put(v, Boolean.TRUE) != null) {
                out.named().add(at);
                return;
            }
            if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    String child = at.isEmpty() ? key : at + "." + key;
                    if (isSecretNamedKey(key)) {
                        out.named().add(child);
                    } else {
                        collectPaths(e.getValue(), child, scrub, path, out);
                    }
                }
            } else {
                int i = 0;
                for (Object item : (Collection<?>) v) {
                    collectPaths(item, at + "[" + i++ + "]", scrub, path, out);
                }
            }
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
        if (v instanceof String s) {
            return CredentialMasking.mask(s);
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
