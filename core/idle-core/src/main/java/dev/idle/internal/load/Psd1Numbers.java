package dev.idle.internal.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PowerShell numeric literals: {@code 42}, {@code 1.5}, {@code 1e3}, {@code .5}, {@code 0x1F}, with the optional
 * type suffixes {@code l} (long) and {@code d} (decimal) and the multipliers {@code kb mb gb tb pb}.
 *
 * <p>Integers become {@code Long}; anything with a fraction or exponent becomes {@code Double}; a {@code d} suffix
 * makes it {@code BigDecimal}. Numbers follow I-JSON (RFC 7493) like every loader's: an integer beyond ±(2^53 − 1)
 * (PowerShell would make it a decimal) and a value beyond the finite doubles ({@code 1e999999999d}) are refused.
 */
final class Psd1Numbers {
    private static final Pattern DECIMAL = Pattern.compile(
            "(\\d+(?:\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?([lLdD])?(kb|mb|gb|tb|pb)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("0x([0-9a-f]+)(l)?(kb|mb|gb|tb|pb)?", Pattern.CASE_INSENSITIVE);

    private Psd1Numbers() {
    }

    /** Whether a bare word is meant as a number (so a bad one is reported as a number, not as a command). */
    static boolean looksNumeric(String word) {
        char c = word.charAt(0);
        return (c >= '0' && c <= '9') || c == '.';
    }

    /**
     * The value of {@code word}, negated when {@code negative}; throws {@link NumberFormatException} when invalid or
     * outside I-JSON's numbers ({@link InputRules}). The exact value is first formed as a {@link BigDecimal}, which is
     * cheap for a short literal whatever its exponent, and judged by its exponent before anything expands it.
     */
    static Object parse(String word, boolean negative) {
        String literal = (negative ? "-" : "") + word;
        Matcher hex = HEX.matcher(word);
        if (hex.matches()) {
            BigInteger value = new BigInteger(hex.group(1), 16).multiply(multiplier(hex.group(3)));
            return safeLong(negative ? value.negate() : value, literal);
        }
        Matcher dec = DECIMAL.matcher(word);
        if (!dec.matches()) {
            throw new NumberFormatException("invalid number '" + word + "'");
        }
        String digits = (negative ? "-" : "") + dec.group(1) + (dec.group(2) == null ? "" : dec.group(2));
        String suffix = dec.group(3) == null ? "" : dec.group(3).toLowerCase(Locale.ROOT);
        BigDecimal exact = new BigDecimal(digits).multiply(new BigDecimal(multiplier(dec.group(4))));
        if (!InputRules.isFiniteDouble(exact, suffix.equals("d"))) {
            throw new NumberFormatException(InputRules.notFinite(literal));
        }
        boolean fractional = dec.group(1).contains(".") || dec.group(2) != null;
        if (suffix.equals("d")) {
            return exact;
        }
        if (fractional && !suffix.equals("l")) {
            return exact.doubleValue(); // too small for a double: rounds to zero, as a JSON reader rounds it
        }
        BigInteger integral;
        try {
            integral = exact.toBigIntegerExact(); // cheap: the exponent is at most 308 here
        } catch (ArithmeticException e) {
            throw new NumberFormatException("invalid number '" + word + "': not a whole number");
        }
        return safeLong(integral, literal);
    }

    private static long safeLong(BigInteger value, String literal) {
        if (!InputRules.isSafeInteger(value)) {
            throw new NumberFormatException(InputRules.integerOutOfRange(literal));
        }
        return value.longValue();
    }

    private static BigInteger multiplier(String unit) {
        if (unit == null) {
            return BigInteger.ONE;
        }
        int power = "kmgtp".indexOf(Character.toLowerCase(unit.charAt(0))) + 1;
        return BigInteger.valueOf(1024).pow(power);
    }
}
