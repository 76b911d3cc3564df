package dev.idle.internal.path;

import dev.idle.api.InputLimits;
import dev.idle.internal.Excerpt;

/**
 * The {@code maxPathSegments} bound of {@link InputLimits} for template and condition paths. Paths are walked
 * iteratively, so a long one cannot overflow the stack; the bound keeps error messages, lookups and the path checks
 * of validation small. Stateless and thread-safe.
 */
public final class PathLimit {

    private PathLimit() {
    }

    /**
     * Null when {@code path} has at most {@link InputLimits#maxPathSegments()} dot-separated segments (as in force
     * now); else a sentence naming the path (shortened), its segment count and the limit.
     */
    public static String problem(String path) {
        String over = overLimit(path);
        return over == null ? null : "the path '" + Excerpt.of(path) + "' " + over;
    }

    /** Null within the limit; else {@code has N segments, more than the limit maxPathSegments (M)}. */
    public static String overLimit(String path) {
        if (path == null) {
            return null;
        }
        int limit = InputLimits.current().maxPathSegments();
        int segments = segmentCount(path);
        return segments <= limit ? null
                : "has " + segments + " segments, more than the limit maxPathSegments (" + limit + ")";
    }

    /** Dot-separated segments in {@code path}; an empty path has one (empty) segment, as {@code split} gives. */
    static int segmentCount(String path) {
        int n = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }
}
