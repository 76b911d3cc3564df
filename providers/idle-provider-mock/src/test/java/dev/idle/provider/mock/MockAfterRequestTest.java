package dev.idle.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.AtomicFiles;
import dev.idle.api.data.DataMap;
import dev.idle.spi.RequestBoundary;
import dev.idle.testkit.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch flush point ({@link RequestBoundary#afterRequest()}) of a mock with a state file (issue 14, item 5). */
class MockAfterRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** A mock on {@code state.json} whose saves are counted and can be made to fail. */
    private MockProvider mockOnStateFile(String... identities) {
        MockStateFile file = new MockStateFile(dir.resolve("state.json"), (from, to) -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IOException("simulated full disk");
            }
            writes.incrementAndGet();
            AtomicFiles.ATOMIC_RENAME.move(from, to);
        });
        MockStore store = new MockStore();
        for (String key : identities) {
            store.put(key, new MockIdentity());
        }
        return MockProvider.builder().build(new MockBackend(store, file));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> identityOnDisk(String key) throws IOException {
        Map<String, Object> state = JSON.readValue(dir.resolve("state.json").toFile(), Map.class);
        return (Map<String, Object>) ((Map<String, Object>) state.get("identities")).get(key);
    }

    @Test
    void afterRequestReturnsOnlyOnceTheStateIsOnDisk() throws IOException {
        MockProvider mock = mockOnStateFile("jdoe");
        mock.disableIdentity("jdoe", null);
        assertThat(dir.resolve("state.json")).as("nothing is written before the request boundary").doesNotExist();

        mock.afterRequest();

        assertThat(identityOnDisk("jdoe")).containsEntry("enabled", false);
    }

    @Test
    void concurrentAfterRequestsEachFindTheirOwnChangeOnDisk() throws Exception {
        int workers = 8;
        int requests = 50;
        String[] keys = new String[workers];
        for (int w = 0; w < workers; w++) {
            keys[w] = "user-" + w;
        }
        MockProvider mock = mockOnStateFile(keys);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (String key : keys) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < requests; r++) {
                        mock.ensureAttribute(key, "Request", r, null);
                        mock.afterRequest();
                        // what a journal would now count as done must be in the file already
                        assertThat(identityOnDisk(key)).extracting(i -> ((Map<?, ?>) i.get("attributes")).get("Request"))
                                .isEqualTo(r);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(writes.get()).as("never more writes than requests").isLessThanOrEqualTo(workers * requests);
    }

    @Test
    void aRequestThatOnlyReadWritesNothing() {
        MockProvider mock = mockOnStateFile("jdoe");
        mock.afterRequest();
        assertThat(writes.get()).isEqualTo(1);

        mock.getIdentity("jdoe", null);
        mock.listEntitlements("jdoe", null);
        mock.listIdentities(null, null);
        mock.afterRequest();

        assertThat(writes.get()).isEqualTo(1);
    }

    @Test
    void aFailedWriteIsReportedAndRetriedByTheNextBoundary() throws IOException {
        MockProvider mock = mockOnStateFile("jdoe");
        mock.disableIdentity("jdoe", null);
        failuresLeft.set(1);

        assertThatThrownBy(mock::afterRequest).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("state.json");
        mock.afterRequest();

        assertThat(identityOnDisk("jdoe")).containsEntry("enabled", false);
    }

    @Test
    void anInMemoryMockWritesNoFileAtTheBoundary() throws IOException {
        MockProvider mock = (MockProvider) new MockProviderFactory().create("Identity",
                DataMap.of("identities", DataMap.of("jdoe", DataMap.of())), new TestEnvironment(dir));
        mock.disableIdentity("jdoe", null);

        mock.afterRequest();

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
