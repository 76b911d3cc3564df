package dev.idle.internal;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean …?" for unknown names (condition operators, workflow keys, step types): the known name closest to
 * what was written, by Levenshtein distance ignoring case, when it is close enough to be a plausible typo.
 *
 * <p>Hand-written rather than taken from commons-text: the core has no general utility dependency, and the names
 * compared are short (the distance is only computed for names of at most {@link #MAX_LENGTH} characters, so a
 * hostile 1 MiB key costs nothing). Stateless and thread-safe.
 */
public final class Suggestions {

    /** Longer names are never compared: no real operator, key or step type is this long. */
    static final int MAX_LENGTH = 128;

    private Suggestions() {
    }

    /**
     * The element of {@code known} closest to {@code written}, or null when none is within a third of the longer
     * name's length (at least 1, at most 3 edits) — so {@code Equalz} suggests {@code Equals}, {@code Foo} nothing.
     */
    public static String closest(String written, Collection<String> known) {
        if (written == null || written.isEmpty() || written.length() > MAX_LENGTH) {
            return null;
        }
        String w = written.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate == null || candidate.length() > MAX_LENGTH) {
                continue;
            }
            int allowed = Math.min(3, Math.max(1, Math.max(w.length(), candidate.length()) / 3));
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d > 0 && d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** {@code " Did you mean 'X'?"} for the closest known name, or {@code ""} when there is none. */
    public static String didYouMean(String written, Collection<String> known) {
        String s = closest(written, known);
        return s == null ? "" : " Did you mean '" + s + "'?";
    }

    /** The Levenshtein distance (insertions, deletions, substitutions) between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
