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
        Token[] tokens = parse(pattern).toArray(new Token[0]);
        Text t = new Text(text);
        int lastStar = -1;
        for (int j = 0; j < tokens.length; j++) {
            if (tokens[j].anyRun()) {
                lastStar = j;
            }
        }
        if (lastStar < 0) {
            return tokens.length == t.length && matchesAt(tokens, 0, tokens.length, t, 0);
        }
        // What follows the last star must match the end of the text: checked first, it settles most misses at once.
        int tail = tokens.length - lastStar - 1;
        int head = t.length - tail;
        return head >= 0 && matchesAt(tokens, lastStar + 1, tokens.length, t, head)
                && matchesGreedily(tokens, lastStar + 1, t, head);
    }

    /** Whether the star-free tokens {@code [from, to)} match the text from {@code at} on, one character each. */
    private static boolean matchesAt(Token[] tokens, int from, int to, Text t, int at) {
        for (int j = from; j < to; j++) {
            if (!t.acceptedBy(tokens[j], at + j - from)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code tokens[0, tokenEnd)}, which ends with a star, matches the text's first {@code textEnd} characters.
     * Greedy two-pointer matching with one backtrack point, the last star seen: every other token consumes exactly one
     * character, so retrying from that star alone is enough. O(text × pattern) at worst, usually linear, with no
     * allocation per character (the former table walk took 30 s for a 100 KB pattern and value).
     */
    private static boolean matchesGreedily(Token[] tokens, int tokenEnd, Text t, int textEnd) {
        int i = 0;
        int p = 0;
        int star = -1;
        int starText = 0;
        while (i < textEnd) {
            if (p < tokenEnd && tokens[p].anyRun()) {
                star = p++;
                starText = i;
            } else if (p < tokenEnd && t.acceptedBy(tokens[p], i)) {
                p++;
                i++;
            } else if (star >= 0) {
                p = star + 1;
                i = ++starText;
            } else {
                return false;
            }
        }
        while (p < tokenEnd && tokens[p].anyRun()) {
            p++;
        }
        return p == tokenEnd;
    }

    /** The text with each character's lower- and upper-case form, computed once instead of at every comparison. */
    private static final class Text {
        final String chars;
        final int length;
        final char[] lower;
        final char[] upper;

        Text(String chars) {
            this.chars = chars;
            this.length = chars.length();
            this.lower = new char[length];
            this.upper = new char[length];
            for (int i = 0; i < length; i++) {
                lower[i] = Character.toLowerCase(chars.charAt(i));
                upper[i] = Character.toUpperCase(chars.charAt(i));
            }
        }

        boolean acceptedBy(Token token, int i) {
            return token.accepts(chars.charAt(i), lower[i], upper[i]);
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

    /** One pattern element; literal characters and class members carry their lower- and upper-case forms. */
    private static final class Token {
        static final Token ANY_RUN = new Token(Kind.RUN, '\0', "", List.of());
        static final Token ANY_ONE = new Token(Kind.ONE, '\0', "", List.of());

        private enum Kind { LITERAL, ONE, RUN, CLASS }

        private final Kind kind;
        private final char literal;
        private final char literalLower;
        private final char literalUpper;
        private final String singles;
        private final List<char[]> ranges;

        private Token(Kind kind, char literal, String singles, List<char[]> ranges) {
            this.kind = kind;
            this.literal = literal;
            this.literalLower = Character.toLowerCase(literal);
            this.literalUpper = Character.toUpperCase(literal);
            this.singles = singles;
            this.ranges = ranges;
        }

        static Token literal(char c) {
            return new Token(Kind.LITERAL, c, "", List.of());
        }

        static Token charClass(String singles, List<char[]> ranges) {
            return new Token(Kind.CLASS, '\0', singles, ranges);
        }

        boolean anyRun() {
            return kind == Kind.RUN;
        }

        /** Whether this token takes the text character {@code c}, given with its lower- and upper-case forms. */
        boolean accepts(char c, char lower, char upper) {
            return switch (kind) {
                case ONE -> true;
                case LITERAL -> c == literal || lower == literalLower || upper == literalUpper;
                case CLASS -> inClass(lower) || inClass(upper);
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
