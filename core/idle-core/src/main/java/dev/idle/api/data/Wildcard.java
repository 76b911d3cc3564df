package dev.idle.api.data;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * PowerShell's {@code -like}: the pattern must match the whole text, ignoring case. {@code *} matches any run
 * (including none), {@code ?} exactly one character, {@code [abc]} / {@code [a-z]} one character from a set or range,
 * and a backtick makes the next character literal (also inside brackets). A trailing lone backtick is a literal
 * backtick. An unterminated or empty {@code [} is an error, as upstream raises one.
 *
 * <p>Used by conditions ({@code Like}) and by steps that match ids against patterns ({@code KeepPattern}).
 */
@API(status = STABLE, since = "0.1")
public final class Wildcard {

    private Wildcard() {
    }

    /**
     * Checks that {@code pattern} is a well-formed wildcard pattern.
     *
     * @throws IllegalArgumentException naming the pattern and what is wrong (an unclosed or empty {@code [})
     */
    public static void validate(String pattern) {
        parse(pattern);
    }

    /**
     * True when {@code text} matches {@code pattern} as PowerShell's {@code -like} would.
     *
     * @throws IllegalArgumentException when the pattern is malformed (see {@link #validate})
     */
    public static boolean matches(String text, String pattern) {
        List<Token> tokens = parse(pattern);
        // reachable[j]: the first i characters of text can be matched by the first j tokens.
        boolean[] reachable = new boolean[tokens.size() + 1];
        reachable[0] = true;
        closeOverStars(tokens, reachable);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean[] next = new boolean[tokens.size() + 1];
            for (int j = 0; j < tokens.size(); j++) {
                if (!reachable[j]) {
                    continue;
                }
                Token t = tokens.get(j);
                if (t.anyRun()) {
                    next[j] = true;
                } else if (t.accepts(c)) {
                    next[j + 1] = true;
                }
            }
            closeOverStars(tokens, next);
            reachable = next;
        }
        return reachable[tokens.size()];
    }

    /** A star may match nothing, so whatever reaches a star also reaches the token after it. */
    private static void closeOverStars(List<Token> tokens, boolean[] reachable) {
        for (int j = 0; j < tokens.size(); j++) {
            if (reachable[j] && tokens.get(j).anyRun()) {
                reachable[j + 1] = true;
            }
        }
    }

    private static List<Token> parse(String pattern) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '`' && i + 1 < pattern.length()) {
                tokens.add(Token.literal(pattern.charAt(i + 1)));
                i += 2;
            } else if (c == '*') {
                tokens.add(Token.ANY_RUN);
                i++;
            } else if (c == '?') {
                tokens.add(Token.ANY_ONE);
                i++;
            } else if (c == '[') {
                i = parseClass(pattern, i, tokens);
            } else {
                tokens.add(Token.literal(c));
                i++;
            }
        }
        return tokens;
    }

    /** Parses {@code [...]} starting at {@code open}; returns the index after the closing bracket. */
    private static int parseClass(String pattern, int open, List<Token> tokens) {
        StringBuilder singles = new StringBuilder();
        List<char[]> ranges = new ArrayList<>();
        int i = open + 1;
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            char c = pattern.charAt(i);
            if (c == '`' && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
            }
            if (i + 2 < pattern.length() && pattern.charAt(i + 1) == '-' && pattern.charAt(i + 2) != ']') {
                ranges.add(new char[] {c, pattern.charAt(i + 2)});
                i += 3;
            } else {
                singles.append(c);
                i++;
            }
        }
        if (i >= pattern.length()) {
            throw new IllegalArgumentException(
                    "The wildcard pattern '" + pattern + "' is not valid: '[' at position " + open + " is never closed with ']'.");
        }
        if (singles.isEmpty() && ranges.isEmpty()) {
            throw new IllegalArgumentException(
                    "The wildcard pattern '" + pattern + "' is not valid: empty character class '[]' at position " + open + ".");
        }
        tokens.add(Token.charClass(singles.toString(), ranges));
        return i + 1;
    }

    private record Token(int kind, char literal, String singles, List<char[]> ranges) {
        static final int LITERAL = 0;
        static final int ONE = 1;
        static final int RUN = 2;
        static final int CLASS = 3;
        static final Token ANY_RUN = new Token(RUN, '\0', "", List.of());
        static final Token ANY_ONE = new Token(ONE, '\0', "", List.of());

        static Token literal(char c) {
            return new Token(LITERAL, c, "", List.of());
        }

        static Token charClass(String singles, List<char[]> ranges) {
            return new Token(CLASS, '\0', singles, ranges);
        }

        boolean anyRun() {
            return kind == RUN;
        }

        boolean accepts(char c) {
            return switch (kind) {
                case ONE -> true;
                case LITERAL -> sameIgnoringCase(c, literal);
                case CLASS -> inClass(Character.toLowerCase(c)) || inClass(Character.toUpperCase(c));
                default -> false;
            };
        }

        private boolean inClass(char c) {
            for (int k = 0; k < singles.length(); k++) {
                if (sameIgnoringCase(c, singles.charAt(k))) {
                    return true;
                }
            }
            for (char[] r : ranges) {
                if (c >= r[0] && c <= r[1]) {
                    return true;
                }
            }
            return false;
        }

        private static boolean sameIgnoringCase(char a, char b) {
            return a == b
                    || Character.toLowerCase(a) == Character.toLowerCase(b)
                    || Character.toUpperCase(a) == Character.toUpperCase(b);
        }
    }
}
