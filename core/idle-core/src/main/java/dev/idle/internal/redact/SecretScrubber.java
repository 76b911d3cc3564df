package dev.idle.internal.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Masks known secret values inside free text (event messages, error messages). Key-based redaction cannot see a
 * secret that a provider or a step copied into a message; this catches the values the run knows to be secret —
 * those under secret-named keys of the request and the step inputs.
 */
public final class SecretScrubber {
    /** Values shorter than this are not scrubbed: masking "1" or "ab" everywhere would destroy messages. */
    static final int MIN_LENGTH = 4;

    private final List<String> secrets;

    private SecretScrubber(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Collects the string values under secret-named keys anywhere in {@code trees}. */
    public static SecretScrubber from(Object... trees) {
        List<String> found = new ArrayList<>();
        for (Object t : trees) {
            collect(t, false, found);
        }
        found.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretScrubber(List.copyOf(found));
    }

    private static void collect(Object v, boolean underSecretKey, List<String> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                collect(e.getValue(), underSecretKey || Redactor.isSecretNamedKey(String.valueOf(e.getKey())), out);
            }
        } else if (v instanceof Collection<?> c) {
            for (Object item : c) {
                collect(item, underSecretKey, out);
            }
        } else if (underSecretKey && v != null) {
            String s = String.valueOf(v);
            if (s.length() >= MIN_LENGTH && !out.contains(s)) {
                out.add(s);
            }
        }
    }

    /** {@code text} with every known secret replaced by {@code [REDACTED]}. */
    public String scrub(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, Redactor.MARKER);
        }
        return out;
    }

    /** A copy of a data tree with every string scrubbed. */
    public Object scrubTree(Object v) {
        if (secrets.isEmpty()) {
            return v;
        }
        if (v instanceof String s) {
            return scrub(s);
        }
        if (v instanceof dev.idle.api.data.DataMap m) {
            dev.idle.api.data.DataMap copy = new dev.idle.api.data.DataMap();
            m.forEach((k, val) -> copy.put(k, scrubTree(val)));
            return copy;
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(item -> copy.add(scrubTree(item)));
            return copy;
        }
        return v;
    }
}
