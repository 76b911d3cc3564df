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
 *
 * <p>Thread-safe. {@link #persist} is a group commit: writes are serialised on their own lock, the state is rendered
 * under the store's lock (a consistent snapshot) and written outside it (other workers go on changing the store), and
 * a caller whose changes a concurrent write already covered returns without writing.
 */
final class MockBackend {
    private final MockStore store;
    private final MockStateFile file;
    private final Map<String, AtomicInteger> callCounts = new ConcurrentHashMap<>();
    private final MockDirectorySync directorySync;
    private final Object writeLock = new Object();
    /** The store version the file holds; guarded by {@link #writeLock}. -1: not written by this run yet. */
    private long writtenVersion = -1;
    /** Guarded by {@link #writeLock}. */
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
     * Returns once the state file holds every change made to the store before this call: writes it, unless a write
     * (this run's) already covered those changes or exactly this content was already written (so closing two aliases
     * writes the file once, yet a change made between the two closes is not lost). A failed write is retried by the
     * next call.
     *
     * @throws java.io.UncheckedIOException when the file could not be written
     */
    void persist() {
        if (file == null) {
            return;
        }
        long changesToCover = store.version();
        synchronized (writeLock) {
            if (writtenVersion >= changesToCover) {
                return;
            }
            Snapshot snapshot = store.reading(() -> new Snapshot(store.version(), MockStateFile.render(store)));
            if (lastWritten == null || !Arrays.equals(lastWritten, snapshot.content())) {
                file.save(snapshot.content());
                lastWritten = snapshot.content();
            }
            writtenVersion = snapshot.version();
        }
    }

    private record Snapshot(long version, byte[] content) {
    }
}
