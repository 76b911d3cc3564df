package dev.idle.internal.path;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Resolves dotted paths ({@code Request.Intent.Department}) in a data tree, as conditions and templates do.
 *
 * <p>Two readings exist. {@link #resolve} is the evaluation reading: lenient, returns null for anything absent, and
 * enumerates a key over a list of maps. {@link #exists} is the static-check reading: strict, every segment must be
 * really there, so a typo in a path is caught before any data decides the outcome.
 *
 * <p>Unlike upstream, one-element lists stay lists (so {@code Contains} works on a single entitlement); an empty list
 * still resolves to null, because workflows rely on {@code Exists} being false for "no entitlements".
 */
public final class PathResolver {

    private PathResolver() {
    }

    /** The value at {@code path} below {@code root}, or null when any segment is absent or the result is an empty list. */
    public static Object resolve(Object root, String path) {
        if (path == null) {
            return null;
        }
        Object current = root;
        for (String segment : segments(path)) {
            if (current == null) {
                return null;
            }
            current = emptyListAsNull(step(current, segment));
        }
        return emptyListAsNull(current);
    }

    /**
     * True when every segment of {@code path} is present: a map key (its value may be null), a list index in range, or
     * the {@code Count}/{@code Length} property. No member-access enumeration: {@code Entitlements.Id} does not exist.
     */
    public static boolean exists(Object root, String path) {
        if (path == null) {
            return false;
        }
        Object current = root;
        for (String segment : segments(path)) {
            if (current instanceof Map<?, ?> map) {
                Object key = MapKeys.findKey(map, segment);
                if (key == null) {
                    return false;
                }
                current = map.get(key);
            } else if (current instanceof Collection<?> items) {
                Integer index = index(segment);
                if (index != null && index < items.size()) {
                    current = new ArrayList<>(items).get(index);
                } else if (isCountOrLength(segment)) {
                    current = items.size();
                } else {
                    return false;
                }
            } else if (current instanceof String s && "Length".equalsIgnoreCase(segment)) {
                current = s.length();
            } else {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        return path.split("\\.", -1);
    }

    private static Object step(Object current, String segment) {
        if (current instanceof Map<?, ?> map) {
            return MapKeys.get(map, segment);
        }
        if (current instanceof String s) {
            return "Length".equalsIgnoreCase(segment) ? s.length() : null;
        }
        if (current instanceof Collection<?> items) {
            return stepIntoList(items, segment);
        }
        return null;
    }

    private static Object stepIntoList(Collection<?> items, String segment) {
        Integer index = index(segment);
        if (index != null) {
            return index < items.size() ? new ArrayList<>(items).get(index) : null;
        }
        // A list's own properties win over enumerating its items' keys (pinned upstream).
        if (isCountOrLength(segment)) {
            return items.size();
        }
        if (!items.isEmpty() && items.iterator().next() instanceof Map<?, ?> first && MapKeys.has(first, segment)) {
            return enumerateMember(items, segment);
        }
        return null;
    }

    /** PowerShell member-access enumeration: the key's value from every non-null item; items lacking it give null. */
    private static List<Object> enumerateMember(Collection<?> items, String segment) {
        List<Object> values = new ArrayList<>();
        for (Object item : items) {
            if (item != null) {
                values.add(item instanceof Map<?, ?> m ? MapKeys.get(m, segment) : null);
            }
        }
        return values;
    }

    private static boolean isCountOrLength(String segment) {
        return "Count".equalsIgnoreCase(segment) || "Length".equalsIgnoreCase(segment);
    }

    /** The segment as a list index when it is all ASCII digits, else null. */
    private static Integer index(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return null;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Integer.parseInt(segment);
    }

    private static Object emptyListAsNull(Object value) {
        return value instanceof Collection<?> c && c.isEmpty() ? null : value;
    }
}
