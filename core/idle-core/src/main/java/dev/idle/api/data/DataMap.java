package dev.idle.api.data;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/**
 * An insertion-ordered map whose string keys compare case-insensitively, as every IdLE hashtable does.
 *
 * <p>The spelling of a key as first written is kept for output; putting {@code "department"} into a map
 * that holds {@code "Department"} replaces the value but keeps the spelling {@code Department}.
 * Null values are allowed (a present key holding null is different from an absent key). Null keys are not.
 *
 * <p>A map made by {@link Values#readOnlyCopy} is read-only: every change to it (put, remove, clear, an entry's
 * {@code setValue}, removal through a view) throws {@link UnsupportedOperationException}. Copies of it
 * ({@link #DataMap(Map)}, {@link Values#deepCopy}) are writable again.
 */
@API(status = STABLE, since = "0.1")
public final class DataMap extends AbstractMap<String, Object> {

    private final LinkedHashMap<String, Entry<String, Object>> entries = new LinkedHashMap<>();
    /** Set once, by {@link #makeReadOnly}, after the map was filled. */
    private boolean readOnly;

    public DataMap() {
    }

    /** A shallow copy of {@code source}, keeping its key order. */
    public DataMap(Map<String, ?> source) {
        source.forEach(this::put);
    }

    /** Builds a map from alternating key/value arguments: {@code DataMap.of("a", 1, "b", 2)}. */
    public static DataMap of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("DataMap.of needs key/value pairs");
        }
        DataMap map = new DataMap();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Ends every change to this map; {@link Values#readOnlyCopy} calls it on the copies it makes. */
    DataMap makeReadOnly() {
        readOnly = true;
        return this;
    }

    /** Whether changes to this map throw {@link UnsupportedOperationException}. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public boolean isReadOnly() {
        return readOnly;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException(
                    "This map is read-only: a step's With belongs to the plan; copy it (new DataMap(map)) to change it.");
        }
    }

    /**
     * Folded keys by the key's hash: the same few keys ({@code Request}, {@code Intent}, {@code With}) are folded
     * millions of times in a batch, and reusing one folded string spares its allocation and its hash code. Slots are
     * replaced, never grown, so the cache stays {@value #FOLD_CACHE_SLOTS} short keys; a racy slot write is harmless
     * because a {@link FoldedKey} is immutable (final fields) and a miss just folds again.
     */
    private static final int FOLD_CACHE_SLOTS = 1024;
    private static final int FOLD_CACHE_MAX_KEY = 64;
    private static final FoldedKey[] FOLDED = new FoldedKey[FOLD_CACHE_SLOTS];

    private record FoldedKey(String key, String folded) {
    }

    static String fold(Object key) {
        String k = (String) Objects.requireNonNull(key, "DataMap keys must not be null");
        int slot = k.hashCode() & (FOLD_CACHE_SLOTS - 1);
        FoldedKey cached = FOLDED[slot];
        if (cached != null && cached.key().equals(k)) {
            return cached.folded();
        }
        String folded = k.toLowerCase(Locale.ROOT);
        if (k.length() <= FOLD_CACHE_MAX_KEY) {
            FOLDED[slot] = new FoldedKey(k, folded);
        }
        return folded;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String)) {
            return null;
        }
        Entry<String, Object> e = entries.get(fold(key));
        return e == null ? null : e.getValue();
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String && entries.containsKey(fold(key));
    }

    /** The key as it was first written, or null when absent. */
    public String originalKey(String key) {
        Entry<String, Object> e = entries.get(fold(key));
        return e == null ? null : e.getKey();
    }

    @Override
    public Object put(String key, Object value) {
        checkWritable();
        String folded = fold(key);
        Entry<String, Object> existing = entries.get(folded);
        if (existing != null) {
            return existing.setValue(value);
        }
        entries.put(folded, new SimpleEntry<>(key, value));
        return null;
    }

    @Override
    public Object remove(Object key) {
        checkWritable();
        if (!(key instanceof String)) {
            return null;
        }
        Entry<String, Object> e = entries.remove(fold(key));
        return e == null ? null : e.getValue();
    }

    @Override
    public void clear() {
        checkWritable();
        entries.clear();
    }

    @Override
    public int size() {
        return entries.size();
    }

    /** The value under {@code key} when it is a map, else null. */
    public DataMap getMap(String key) {
        Object v = get(key);
        return v instanceof DataMap m ? m : null;
    }

    /** The value under {@code key} rendered as a string ({@link Values#ps}), or null when absent or null. */
    public String getString(String key) {
        Object v = get(key);
        return v == null ? null : Values.ps(v);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Entry<String, Object>>> it = entries.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        Entry<String, Object> e = it.next().getValue();
                        return readOnly ? new SimpleImmutableEntry<>(e) : e;
                    }

                    @Override
                    public void remove() {
                        checkWritable();
                        it.remove();
                    }
                };
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }
}
