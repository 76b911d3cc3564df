package dev.idle.internal.export;

import dev.idle.internal.load.InputRules;
import dev.idle.internal.load.NumberForm;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one way the plan exporter writes a number, and the check that an imported plan's numbers are written that way.
 *
 * <p>{@code planHash} is the SHA-256 of the plan's RFC 8785 (JCS) form, and JCS reads every number as an IEEE double:
 * {@code 1}, {@code 1.0} and {@code 1e0} hash alike, as do {@code 9007199254740992} and {@code 9007199254740993}. So
 * the hash alone cannot see such an edit. The exporter therefore writes each number in exactly one form — an integral
 * value within ±(2^53 − 1) as an integer ({@code 1}, never {@code 1.0}), any other as Java's shortest round-trip
 * double ({@code 1.5}, {@code 1.0E21}) — and {@link #EXPORTED_FORM} refuses, at its line and column, any literal that
 * is not in that form: together with the hash, no edit that changes a number gets through.
 *
 * <p>Stateless and thread-safe.
 */
public final class PlanNumbers {
    /** The check {@code invoke --plan} applies to every number literal of a plan file. */
    public static final NumberForm EXPORTED_FORM = PlanNumbers::problem;

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private PlanNumbers() {
    }

    /** The literal the exporter writes for {@code d}. */
    static String canonical(double d) {
        if (d == Math.rint(d) && Math.abs(d) <= InputRules.MAX_SAFE_INTEGER) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /** Why {@code literal} is not written as the exporter writes numbers, or null when it is. */
    static String problem(String literal) {
        String expected;
        if (INTEGER.matcher(literal).matches()) {
            BigInteger value = new BigInteger(literal);
            boolean safe = value.abs().compareTo(BigInteger.valueOf(InputRules.MAX_SAFE_INTEGER)) <= 0;
            expected = safe ? value.toString() : canonical(value.doubleValue());
        } else {
            double d;
            try {
                d = Double.parseDouble(literal);
            } catch (NumberFormatException e) {
                return null; // not a JSON number the parser accepted; the parser reports it
            }
            if (!Double.isFinite(d)) {
                return null; // refused by the I-JSON rule with its own message
            }
            expected = canonical(d);
        }
        if (expected.equals(literal)) {
            return null;
        }
        return "number " + literal + " is not written as the exporter writes it (" + expected
                + "): the plan was edited after it was exported; refusing to run it";
    }

    /**
     * A copy of an export document whose numbers are the values {@link #canonical} writes: an integral double or
     * decimal within ±(2^53 − 1) becomes a Long, any other double or decimal a Double. Integers stay as they are.
     */
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(normalise(v)));
            return copy;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= InputRules.MAX_SAFE_INTEGER) {
                return (long) d;
            }
            return d;
        }
        return value;
    }
}
