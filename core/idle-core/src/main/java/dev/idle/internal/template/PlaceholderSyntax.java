package dev.idle.internal.template;

import dev.idle.api.InputLimits;
import dev.idle.internal.Excerpt;
import java.util.List;

/**
 * The lexical side of templates, written as plain loops instead of regular expressions: Java's regex engine recurses
 * once per repetition of a group, so a placeholder path of 2,000 segments ended in a {@link StackOverflowError}.
 * Also the {@link InputLimits} checks of a template string. Stateless and thread-safe.
 */
final class PlaceholderSyntax {

    /** Roots after which further {@code .segment}s may follow in an escape-exempt placeholder. */
    private static final List<String> TREE_ROOTS = List.of("Intent", "Context", "IdentityKeys");
    /** Roots that are a whole value. */
    private static final List<String> LEAF_ROOTS = List.of("LifecycleEvent", "CorrelationId", "Actor");
    private static final String REQUEST = "Request.";

    private PlaceholderSyntax() {
    }

    /** True for dot-separated segments of letters, digits and {@code _}, the first starting with a letter. */
    static boolean isValidPath(String path) {
        if (path.isEmpty() || !isAsciiLetter(path.charAt(0))) {
            return false;
        }
        boolean segmentEmpty = false;
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                if (segmentEmpty) {
                    return false;
                }
                segmentEmpty = true;
            } else if (isWordChar(c)) {
                segmentEmpty = false;
            } else {
                return false;
            }
        }
        return !segmentEmpty;
    }

    /**
     * {@code s} with every {@code \{{} replaced by {@code sentinel}, except where a valid allowed placeholder follows
     * ({@code DOMAIN\{{Request.IdentityKeys.Id}}} keeps its backslash and its placeholder).
     */
    static String replaceEscapes(String s, String sentinel) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = s.indexOf("\\{{"); i >= 0; i = s.indexOf("\\{{", i + 1)) {
            if (startsAllowedPlaceholder(s, i + 3)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, i).append(sentinel);
            copied = i + 3;
            i += 2;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** {@code Request.<root>(.segment)*}}} at {@code from}, the root one of the allowed ones (any letter case). */
    private static boolean startsAllowedPlaceholder(String s, int from) {
        if (!s.regionMatches(true, from, REQUEST, 0, REQUEST.length())) {
            return false;
        }
        int i = from + REQUEST.length();
        int rootEnd = wordEnd(s, i);
        String root = s.substring(i, rootEnd);
        i = rootEnd;
        if (containsIgnoreCase(TREE_ROOTS, root)) {
            while (i < s.length() && s.charAt(i) == '.') {
                int end = wordEnd(s, i + 1);
                if (end == i + 1) {
                    return false;
                }
                i = end;
            }
        } else if (!containsIgnoreCase(LEAF_ROOTS, root)) {
            return false;
        }
        return s.startsWith("}}", i);
    }

    /**
     * The limit problem of a template string, or null: more {@code {{} than
     * {@link InputLimits#maxPlaceholdersPerString()}.
     *
     * @param escaped the string after {@link #replaceEscapes}, so escaped braces do not count
     * @param where   what to call the string in the message, e.g. {@code With.DisplayName}
     */
    static String placeholderLimitProblem(String original, String escaped, String where) {
        int limit = InputLimits.current().maxPlaceholdersPerString();
        int count = 0;
        for (int i = escaped.indexOf("{{"); i >= 0; i = escaped.indexOf("{{", i + 2)) {
            count++;
        }
        if (count <= limit) {
            return null;
        }
        return where + " has " + count + " placeholders, more than the limit maxPlaceholdersPerString (" + limit
                + "). Template: '" + Excerpt.of(original) + "'.";
    }

    private static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isWordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean containsIgnoreCase(List<String> names, String name) {
        return names.stream().anyMatch(name::equalsIgnoreCase);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isWordChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
