package dev.idle.provider.mock;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Everything a mock backend holds: identities by key (case-insensitive, kept sorted so the state file is
 * deterministic) and the top-level {@code directorySync} state.
 *
 * <p>Thread-safe: every access synchronises on the store, and {@link #atomically} lets a caller run a
 * read-modify-write sequence under the same lock (two aliases on one state file share one store).
 *
 * <p>The store counts its changes ({@link #version()}): {@link #atomically}, {@link #put}, {@link #remove} and the
 * directory-sync setter each count as one; {@link #reading} does not. The state file is written when the version moved
 * past the last one written, so a request that only read writes nothing.
 */
public final class MockStore {
    private final TreeMap<String, Entry> identities = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private DataMap directorySync;
    private long version;

    /** Keeps the key as first written next to the identity, since the tree map only keeps one spelling anyway. */
    private record Entry(String key, MockIdentity identity) {
    }

    /** Runs {@code action}, which may change identities in place, while holding the store's lock. */
    public synchronized <T> T atomically(Supplier<T> action) {
        version++;
        return action.get();
    }

    /** Runs {@code action}, which changes nothing except through {@link #put} or {@link #remove}, under the lock. */
    public synchronized <T> T reading(Supplier<T> action) {
        return action.get();
    }

    /** How many changes the store has seen; grows with every change, never shrinks. */
    public synchronized long version() {
        return version;
    }

    /** The identity stored under {@code key} (case-insensitive), or null. */
    public synchronized MockIdentity get(String key) {
        Entry e = identities.get(key);
        return e == null ? null : e.identity();
    }

    /** The stored spelling of {@code key}, or null when absent. */
    public synchronized String storedKey(String key) {
        Entry e = identities.get(key);
        return e == null ? null : e.key();
    }

    /** Adds or replaces the identity under {@code key}. */
    public synchronized MockIdentity put(String key, MockIdentity identity) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A mock identity key must not be empty.");
        }
        identities.put(key, new Entry(key, identity));
        version++;
        return identity;
    }

    /** Removes the identity under {@code key}; true when there was one. */
    public synchronized boolean remove(String key) {
        version++;
        return identities.remove(key) != null;
    }

    /**
     * The key of the first identity (in key order) whose attribute {@code attributeName} equals {@code value}
     * case-insensitively, or null.
     */
    public synchronized String findKeyByAttribute(String attributeName, String value) {
        for (Entry e : identities.values()) {
            DataMap attrs = e.identity().attributes();
            if (attrs.containsKey(attributeName) && attrs.get(attributeName) != null
                    && Values.eqi(attrs.get(attributeName), value)) {
                return e.key();
            }
        }
        return null;
    }

    /** The keys of all identities in key order (stored key spelling). */
    public synchronized List<String> keys() {
        return identities.values().stream().map(Entry::key).toList();
    }

    /** A deep copy of all identities in key order (stored key spelling). */
    public synchronized Map<String, MockIdentity> snapshot() {
        Map<String, MockIdentity> copy = new LinkedHashMap<>();
        identities.values().forEach(e -> copy.put(e.key(), e.identity().copy()));
        return copy;
    }

    /** The {@code directorySync} state ({@code status}, {@code lastRunUtc}), or null when never set. */
    public synchronized DataMap directorySync() {
        return directorySync == null ? null : Values.deepCopyMap(directorySync);
    }

    public synchronized void directorySync(DataMap value) {
        this.directorySync = value == null ? null : Values.deepCopyMap(value);
        version++;
    }
}
