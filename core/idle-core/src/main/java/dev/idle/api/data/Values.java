package dev.idle.api.data;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/**
 * Conversions on IdLE data values that reproduce PowerShell's semantics, which workflows rely on:
 * string conversion ({@link #ps}), case-insensitive equality ({@link #eqi}), truthiness ({@link #truthy})
 * and deep copies ({@link #deepCopy}).
 */
@API(status = STABLE, since = "0.1")
public final class Values {

    private static final DateTimeFormatter INVARIANT_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);

    private Values() {
    }

    /** PowerShell's {@code [string]$x}: null is empty, lists are space-joined, maps are the hashtable type name. */
    public static String ps(Object x) {
        if (x == null) {
            return "";
        }
        if (x instanceof String s) {
            return s;
        }
        if (x instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (x instanceof Double || x instanceof Float) {
            return formatDouble(((Number) x).doubleValue());
        }
        if (x instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (x instanceof Number n) {
            return n.toString();
        }
        if (x instanceof UUID u) {
            return u.toString().toLowerCase(Locale.ROOT);
        }
        if (x instanceof Enum<?> e) {
            return e.name();
        }
        if (x instanceof TemporalAccessor t) {
            return formatDate(t);
        }
        if (x instanceof Map<?, ?>) {
            return "System.Collections.Hashtable";
        }
        if (x instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(" ");
            for (Object item : c) {
                j.add(ps(item));
            }
            return j.toString();
        }
        return x.toString();
    }

    private static String formatDate(TemporalAccessor t) {
        if (t instanceof OffsetDateTime o) {
            return INVARIANT_DATE.format(o.toLocalDateTime());
        }
        if (t instanceof ZonedDateTime z) {
            return INVARIANT_DATE.format(z.toLocalDateTime());
        }
        if (t instanceof LocalDateTime l) {
            return INVARIANT_DATE.format(l);
        }
        return t.toString();
    }

    /** Invariant, shortest round-trip form: {@code 1.5}, {@code 1} for 1.0, {@code 1E+20}. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        String exp = s.substring(e + 1);
        return mantissa + "E" + (exp.startsWith("-") ? exp : "+" + exp);
    }

    /** Case-insensitive comparison of the string forms, as PowerShell's {@code -eq} on strings. */
    public static boolean eqi(Object a, Object b) {
        return ps(a).equalsIgnoreCase(ps(b));
    }

    /** PowerShell's {@code [bool]$x}: any non-empty string is true, including {@code "false"}. */
    public static boolean truthy(Object x) {
        if (x == null) {
            return false;
        }
        if (x instanceof Boolean b) {
            return b;
        }
        if (x instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (x instanceof String s) {
            return !s.isEmpty();
        }
        if (x instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    /** True for maps and lists (the non-scalar data kinds). */
    public static boolean isScalar(Object x) {
        return !(x instanceof Map<?, ?>) && !(x instanceof Collection<?>);
    }

    /**
     * A deep copy of a data tree: maps become {@link DataMap}s (order and key spelling kept), lists become new lists
     * (one-element and empty lists stay lists, unlike upstream), everything else is shared.
     */
    public static Object deepCopy(Object x) {
        return copy(x, false);
    }

    /**
     * A read-only deep copy of a data tree: like {@link #deepCopy}, but every map of the copy is a read-only
     * {@link DataMap} and every list an unmodifiable list, so a change anywhere in it throws
     * {@link UnsupportedOperationException} and nothing reaches {@code x}. The engine hands each step attempt such a
     * copy of its {@code With}, so no step or provider can change the plan it runs from.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static Object readOnlyCopy(Object x) {
        return copy(x, true);
    }

    private static Object copy(Object x, boolean readOnly) {
        if (x instanceof Map<?, ?> m) {
            DataMap copy = new DataMap();
            m.forEach((k, v) -> copy.put(String.valueOf(k), copy(v, readOnly)));
            return readOnly ? copy.makeReadOnly() : copy;
        }
        if (x instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            for (Object item : c) {
                copy.add(copy(item, readOnly));
            }
            return readOnly ? Collections.unmodifiableList(copy) : copy;
        }
        return x;
    }

    /** {@link #deepCopy} of a map, or an empty map for null. */
    public static DataMap deepCopyMap(Map<String, ?> m) {
        return m == null ? new DataMap() : (DataMap) deepCopy(m);
    }

    /**
     * The path of the first executable value in {@code x}, or null when it is pure data.
     * Paths read {@code Root.key.sub[2].x}.
     */
    public static String findExecutable(Object x, String path) {
        // Pure data is the rule: walk it once without building a path string per node, which planning paid for.
        return containsExecutable(x) ? executablePath(x, path) : null;
    }

    private static boolean containsExecutable(Object x) {
        if (x instanceof ExecutableValue) {
            return true;
        }
        if (x instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                if (containsExecutable(v)) {
                    return true;
                }
            }
        } else if (x instanceof List<?> l) {
            for (Object v : l) {
                if (containsExecutable(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String executablePath(Object x, String path) {
        if (x instanceof ExecutableValue) {
            return path;
        }
        if (x instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String found = executablePath(e.getValue(), path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (x instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String found = executablePath(l.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
