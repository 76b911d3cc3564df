package dev.idle.provider.mock;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every provider on one mock backend shares: the store, the per-method call counters behind {@code failOn}, and
 * the state file the store persists to (none for an in-memory backend). Two aliases naming the same state file get
 * the same backend, so neither loses the other's updates and {@code failOn} counts calls across both.
 */
final class MockBackend {
    private final MockStore store;
    private final MockStateFile file;
    private final Map<String, AtomicInteger> callCounts = new ConcurrentHashMap<>();
    private final MockDirectorySync directorySync;
    private byte[] lastWritten;

    MockBackend(MockStore store, MockStateFile file) {
        this.store = store;
        this.file = file;
        this.directorySync = new MockDirectorySync(store, Clock.systemUTC());
    }

    static MockBackend inMemory(MockStore store) {
        return new MockBackend(store, null);
    }

    MockStore store() {
        return store;
    }

    /** The directory-sync simulation, shared like the store. */
    MockDirectorySync directorySync() {
        return directorySync;
    }

    /** Counts one call of {@code method} (canonical name) and returns how many there have been, this one included. */
    int countCall(String method) {
        return callCounts.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Writes the store to its state file, unless exactly this content was already written (so closing two aliases
     * writes the file once, yet a change made between the two closes is not lost).
     */
    void persist() {
        if (file == null) {
            return;
        }
        synchronized (store) {
            byte[] content = MockStateFile.render(store);
            if (lastWritten != null && Arrays.equals(lastWritten, content)) {
                return;
            }
            file.save(content);
            lastWritten = content;
        }
    }
}
