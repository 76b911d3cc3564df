package dev.idle.internal.export;

import dev.idle.internal.redact.Redactor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes data trees as JSON in one fixed format, so that identical input gives identical bytes: two-space
 * indentation, {@code "key": value}, {@code []}/{@code {}} for empty containers, LF line ends, no trailing newline,
 * non-ASCII unescaped. Map keys are written in the map's own order. Secrets that slipped through are still masked.
 */
public final class JsonText {
    private JsonText() {
    }

    /** Room for a typical result or results line, so the builder seldom grows. */
    private static final int INITIAL_CAPACITY = 1024;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    public static String pretty(Object value) {
        StringBuilder sb = new StringBuilder(INITIAL_CAPACITY);
        write(sb, value, 0, true);
        return sb.toString();
    }

    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder(INITIAL_CAPACITY);
        write(sb, value, 0, false);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int depth, boolean pretty) {
        if (v == null) {
            sb.append("null");
        } else if (Redactor.isSecretValue(v)) {
            string(sb, Redactor.MARKER);
        } else if (v instanceof Map<?, ?> m) {
            object(sb, m, depth, pretty);
        } else if (v instanceof Collection<?> c) {
            array(sb, c, depth, pretty);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(number(((Number) v).doubleValue()));
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Enum<?> e) {
            string(sb, e.name());
        } else if (v instanceof TemporalAccessor t) {
            string(sb, date(t));
        } else {
            string(sb, v.toString());
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> m, int depth, boolean pretty) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            newline(sb, depth + 1, pretty);
            string(sb, String.valueOf(e.getKey()));
            sb.append(pretty ? ": " : ":");
            write(sb, e.getValue(), depth + 1, pretty);
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        newline(sb, depth, pretty);
        sb.append('}');
    }

    private static void array(StringBuilder sb, Collection<?> c, int depth, boolean pretty) {
        if (c.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        Iterator<?> it = c.iterator();
        while (it.hasNext()) {
            newline(sb, depth + 1, pretty);
            write(sb, it.next(), depth + 1, pretty);
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        newline(sb, depth, pretty);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int depth, boolean pretty) {
        if (pretty) {
            sb.append('\n');
            sb.append("  ".repeat(depth));
        }
    }

    /** Shortest round-trip form with at least one fractional digit ({@code 2.0}, {@code 0.25}). */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        return Double.toString(d);
    }

    static String date(TemporalAccessor t) {
        if (t instanceof Instant i) {
            return DateTimeFormatter.ISO_INSTANT.format(i);
        }
        if (t instanceof OffsetDateTime || t instanceof ZonedDateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (t instanceof LocalDateTime l) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(l);
        }
        return t.toString();
    }

    /**
     * {@code s} as a JSON string. Runs of characters that need no escape are copied in one append each (most
     * strings are one run), which keeps writing a batch's results line cheap.
     */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        int plainFrom = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append("\\u00").append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xf]);
            }
        }
        sb.append(s, plainFrom, s.length());
        sb.append('"');
    }
}
