package dev.idle.internal.path;

import dev.idle.api.data.DataMap;
import java.util.Map;

/**
 * Case-insensitive key lookup on any map. Data trees normally hold {@link DataMap}s, which already fold keys; callers
 * may still hand in plain maps, and IdLE compares every key case-insensitively, so those are scanned.
 */
public final class MapKeys {

    private MapKeys() {
    }

    /** The key of {@code map} equal to {@code key} ignoring case, or null when there is none. */
    public static Object findKey(Map<?, ?> map, String key) {
        if (map instanceof DataMap d) {
            return d.originalKey(key);
        }
        if (map.containsKey(key)) {
            return key;
        }
        for (Object k : map.keySet()) {
            if (k != null && key.equalsIgnoreCase(String.valueOf(k))) {
                return k;
            }
        }
        return null;
    }

    /** True when the map holds {@code key} (ignoring case), even with a null value. */
    public static boolean has(Map<?, ?> map, String key) {
        return findKey(map, key) != null;
    }

    /** The value under {@code key} (ignoring case), or null when absent. */
    public static Object get(Map<?, ?> map, String key) {
        if (map instanceof DataMap d) {
            return d.get(key);
        }
        Object k = findKey(map, key);
        return k == null ? null : map.get(k);
    }
}
