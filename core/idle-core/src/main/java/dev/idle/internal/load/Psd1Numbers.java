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
 * <p>Integers become {@code Long}; an integer too large for a long becomes {@code BigDecimal}, as PowerShell turns it
 * into a decimal. Anything with a fraction or exponent becomes {@code Double}; a {@code d} suffix makes it
 * {@code BigDecimal}.
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

    /** The value of {@code word}, negated when {@code negative}; throws {@link NumberFormatException} when invalid. */
    static Object parse(String word, boolean negative) {
        Matcher hex = HEX.matcher(word);
        if (hex.matches()) {
            BigInteger value = new BigInteger(hex.group(1), 16).multiply(multiplier(hex.group(3)));
            return toLong(negative ? value.negate() : value, word);
        }
        Matcher dec = DECIMAL.matcher(word);
        if (!dec.matches()) {
            throw new NumberFormatException("invalid number '" + word + "'");
        }
        String digits = (negative ? "-" : "") + dec.group(1) + (dec.group(2) == null ? "" : dec.group(2));
        String suffix = dec.group(3) == null ? "" : dec.group(3).toLowerCase(Locale.ROOT);
        BigInteger multiplier = multiplier(dec.group(4));
        boolean fractional = dec.group(1).contains(".") || dec.group(2) != null;
        if (suffix.equals("d")) {
            return new BigDecimal(digits).multiply(new BigDecimal(multiplier));
        }
        if (fractional && !suffix.equals("l")) {
            return Double.parseDouble(digits) * multiplier.doubleValue();
        }
        BigDecimal exact = new BigDecimal(digits).multiply(new BigDecimal(multiplier));
        BigInteger integral;
        try {
            integral = exact.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("invalid number '" + word + "': not a whole number");
        }
        if (suffix.equals("l")) {
            return toLong(integral, word);
        }
        return integral.bitLength() < 64 ? (Object) integral.longValue() : exact;
    }

    private static long toLong(BigInteger value, String word) {
        if (value.bitLength() >= 64) {
            throw new NumberFormatException("number '" + word + "' is too large");
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
