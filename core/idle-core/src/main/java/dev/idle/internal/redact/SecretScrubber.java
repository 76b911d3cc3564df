package dev.idle.internal.redact;

import dev.idle.spi.CredentialMasking;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masks secrets inside free text (event messages, error messages, step outputs). Key-based redaction cannot see a
 * secret that a provider or a step copied into a message; this catches
 * <ul>
 *   <li>the values the run knows to be secret — those under secret-named keys of the request and the step inputs,
 *       and the {@link Secret}s a template made of values read from secret-named paths — replaced wherever they
 *       occur inside a text (when at least {@value #MIN_LENGTH} characters long) and as a whole text (any length);</li>
 *   <li>whatever looks like a credential ({@link CredentialMasking#mask}).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class SecretScrubber {
    /** Shorter values are masked only as a whole text: masking "1" or "ab" everywhere would destroy messages. */
    static final int MIN_LENGTH = 4;

    /** Longest first, so that a secret containing another is masked as a whole. */
    private final List<String> inner;
    private final Set<String> whole;

    private SecretScrubber(List<String> inner, Set<String> whole) {
        this.inner = inner;
        this.whole = whole;
    }

    /**
     * Collects the string values under secret-named keys anywhere in {@code trees}, and the {@link Secret}s in them.
     * A secret a template built around a known secret ({@code "pin 4711"} around {@code 4711}) is masked through the
     * known part, so the rest of a message stays readable; one built around an unknown or short part is masked as a
     * whole.
     */
    public static SecretScrubber from(Object... trees) {
        List<String> keyed = new ArrayList<>();
        List<String> marked = new ArrayList<>();
        for (Object t : trees) {
            collect(t, false, keyed, marked);
        }
        List<String> inner = new ArrayList<>();
        Set<String> whole = new HashSet<>();
        for (String s : keyed) {
            add(s, inner, whole);
        }
        for (String s : marked) {
            if (inner.stream().noneMatch(s::contains)) {
                add(s, inner, whole);
            }
        }
        inner.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretScrubber(List.copyOf(inner), Set.copyOf(whole));
    }

    private static void add(String s, List<String> inner, Set<String> whole) {
        if (s.isEmpty()) {
            return;
        }
        whole.add(s);
        if (s.length() >= MIN_LENGTH && !inner.contains(s)) {
            inner.add(s);
        }
    }

    private static void collect(Object v, boolean underSecretKey, List<String> keyed, List<String> marked) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                collect(e.getValue(), underSecretKey || Redactor.isSecretNamedKey(String.valueOf(e.getKey())),
                        keyed, marked);
            }
        } else if (v instanceof Collection<?> c) {
            for (Object item : c) {
                collect(item, underSecretKey, keyed, marked);
            }
        } else if (v instanceof Secret s) {
            marked.add(s.reveal());
        } else if (underSecretKey && v != null && !(v instanceof Boolean)) {
            // A flag under a secret-named key (ResetPin: true) is no secret; masking every "true" would only harm.
            keyed.add(String.valueOf(v));
        }
    }

    /** {@code text} with every known secret and everything that looks like a credential replaced by the marker. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        if (whole.contains(text)) {
            return Redactor.MARKER;
        }
        String out = text;
        for (String s : inner) {
            out = out.replace(s, Redactor.MARKER);
        }
        return CredentialMasking.mask(out);
    }

    /** A copy of a data tree with every string scrubbed; other values are kept as they are. */
    public Object scrubTree(Object v) {
        return RevealedSecrets.mapLeaves(v, leaf -> leaf instanceof String s ? scrub(s) : leaf);
    }
}
