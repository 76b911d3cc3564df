package dev.idle.internal.load;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The rules every loader ({@code .psd1}, YAML, JSON) applies to the values it reads, and the one wording of each
 * problem, so that the same bad value gets the same message whatever the file's syntax.
 *
 * <p>Limits come from {@link dev.idle.api.InputLimits} and their messages name the limit ({@code (limit
 * maxNestingDepth)}) so a user knows what to raise. The number rules are I-JSON's (RFC 7493) and are not limits:
 * an integer must lie within ±(2^53 − 1), where every JSON reader keeps it exact, and any number must be a finite
 * IEEE double. Text must be valid Unicode: a lone UTF-16 surrogate (an escape such as {@code \ud800}) would crash
 * whatever writes the value later, after side effects, so it is refused at load.
 *
 * <p>Stateless and thread-safe.
 */
public final class InputRules {
    /** The largest integer magnitude I-JSON keeps exact: 2^53 − 1. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final BigInteger MAX_SAFE = BigInteger.valueOf(MAX_SAFE_INTEGER);
    /** Longest excerpt of an oversized literal quoted in a message. */
    private static final int EXCERPT = 24;

    private InputRules() {
    }

    static String tooDeep(int limit) {
        return "nesting deeper than " + limit + " levels (limit maxNestingDepth)";
    }

    static String stringTooLong(boolean key, int limit) {
        return (key ? "key" : "string") + " longer than " + limit + " characters (limit maxStringLength)";
    }

    static String numberTooLong(String literal, int limit) {
        return "number literal " + excerpt(literal) + " longer than " + limit + " characters (limit maxNumberDigits)";
    }

    static String fileTooLarge(String size, long limit) {
        return "file" + size + " larger than " + limit + " bytes (limit maxFileBytes)";
    }

    static String integerOutOfRange(String literal) {
        return "integer " + excerpt(literal) + " is outside ±9007199254740991 (2^53 - 1), the range JSON keeps exact"
                + " (I-JSON, RFC 7493)";
    }

    static String notFinite(String literal) {
        return "number " + excerpt(literal) + " is not a finite double (I-JSON, RFC 7493)";
    }

    static boolean isSafeInteger(long v) {
        return v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER;
    }

    static boolean isSafeInteger(BigInteger v) {
        return v.abs().compareTo(MAX_SAFE) <= 0;
    }

    /**
     * Whether an exact decimal is a finite double, decided from its exponent before anything expands it, so that
     * {@code 1e999999999} is judged at once (expanding it would take a billion digits). A value too small for a
     * double counts only when {@code exactOnly} (a decimal that must stay exact): otherwise it rounds to zero as a
     * JSON reader rounds it.
     */
    static boolean isFiniteDouble(BigDecimal v, boolean exactOnly) {
        if (v.signum() == 0) {
            return true;
        }
        long adjustedExponent = (long) v.precision() - v.scale() - 1;
        if (adjustedExponent > 308 || (exactOnly && adjustedExponent < -324)) {
            return false;
        }
        return adjustedExponent < -324 || Double.isFinite(v.doubleValue());
    }

    /** The problem with string {@code s} (a key when {@code key}), or null when it is fine. */
    static String checkString(String s, boolean key, int maxLength) {
        if (s.length() > maxLength) {
            return stringTooLong(key, maxLength);
        }
        int bad = loneSurrogateIndex(s);
        if (bad >= 0) {
            return "invalid text: lone UTF-16 surrogate \\u" + Integer.toHexString(s.charAt(bad))
                    + " at character " + (bad + 1) + " of the " + (key ? "key" : "string")
                    + " (text must be valid Unicode)";
        }
        return null;
    }

    /** Index of the first surrogate that is not half of a pair, or -1. */
    static int loneSurrogateIndex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String excerpt(String literal) {
        return literal.length() <= EXCERPT ? literal : literal.substring(0, EXCERPT) + "...";
    }
}
