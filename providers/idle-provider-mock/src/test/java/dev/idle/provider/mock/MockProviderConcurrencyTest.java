package dev.idle.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many batch workers on one mock instance (issue 14, item 2): 16 threads × 500 requests, each request changing an
 * identity every thread changes ({@code shared}) and one only its own thread changes; the final state and the number
 * of {@code changed: true} results must be exact.
 */
class MockProviderConcurrencyTest {
    private static final int THREADS = 16;
    private static final int REQUESTS = 500;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private MockProvider mockWithSharedAndOwnIdentities() {
        MockProviderBuilder builder = MockProvider.builder()
                .identity("shared", i -> i.session("s1", "Outlook").session("s2", "Teams"));
        for (int t = 0; t < THREADS; t++) {
            builder.identity("worker-" + t);
        }
        return builder.build();
    }

    /** Runs {@code request(thread, index)} REQUESTS times on each of THREADS threads, all released at once. */
    private void runAll(RequestBody body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Callable<Void> worker = () -> {
                start.await();
                for (int i = 0; i < REQUESTS; i++) {
                    body.request(thread, i);
                }
                return null;
            };
            done.add(pool.submit(worker));
        }
        start.countDown();
        for (Future<Void> f : done) {
            f.get();
        }
    }

    @FunctionalInterface
    private interface RequestBody {
        void request(int thread, int index) throws Exception;
    }

    private static void countIfChanged(ProviderResult r, AtomicInteger counter) {
        if (r.changed()) {
            counter.incrementAndGet();
        }
    }

    @Test
    void concurrentRevocationsOnOneIdentityLoseNoUpdate() throws Exception {
        MockProvider mock = mockWithSharedAndOwnIdentities();
        AtomicInteger grants = new AtomicInteger();
        AtomicInteger revocations = new AtomicInteger();
        AtomicInteger sessionRevocations = new AtomicInteger();
        AtomicInteger flips = new AtomicInteger();

        runAll((thread, i) -> {
            String own = "worker-" + thread;
            countIfChanged(mock.revokeSessions("shared", null), sessionRevocations);
            countIfChanged(mock.grantEntitlement("shared", Entitlement.of("Group", "g-" + thread + "-" + i), null),
                    grants);
            countIfChanged(mock.grantEntitlement(own, Entitlement.of("Group", "g-" + i), null), grants);
            if (i % 2 == 1) {
                // take back the previous (even) request's grants: only the odd requests' grants remain
                countIfChanged(mock.revokeEntitlement("shared",
                        Entitlement.of("Group", "g-" + thread + "-" + (i - 1)), null), revocations);
                countIfChanged(mock.revokeEntitlement(own, Entitlement.of("Group", "g-" + (i - 1)), null),
                        revocations);
                countIfChanged(mock.enableIdentity(own, null), flips);
            } else {
                countIfChanged(mock.disableIdentity(own, null), flips);
            }
        });

        int total = THREADS * REQUESTS;
        assertThat(sessionRevocations.get()).as("only the first revocation finds sessions").isEqualTo(1);
        assertThat(grants.get()).as("every grant was new").isEqualTo(2 * total);
        assertThat(revocations.get()).as("every revocation found its grant").isEqualTo(total);
        assertThat(flips.get()).as("every disable and enable flipped").isEqualTo(total);
        assertThat(mock.store().get("shared").sessions()).isEmpty();
        assertThat(mock.listEntitlements("shared", null)).hasSize(THREADS * REQUESTS / 2)
                .allSatisfy(e -> assertThat(Integer.parseInt(e.id().substring(e.id().lastIndexOf('-') + 1)) % 2)
                        .as("only odd requests' grants remain").isEqualTo(1));
        for (int t = 0; t < THREADS; t++) {
            assertThat(mock.listEntitlements("worker-" + t, null)).hasSize(REQUESTS / 2);
            assertThat(mock.getIdentity("worker-" + t, null).enabled()).isTrue();
        }
    }

    @Test
    void concurrentAttributeChangesOfDistinctIdentitiesAllArrive() throws Exception {
        MockProvider mock = mockWithSharedAndOwnIdentities();

        runAll((thread, i) -> {
            mock.ensureAttribute("worker-" + thread, "Step" + i, i, null);
            mock.ensureAttribute("shared", "T" + thread + "R" + i, thread, null);
        });

        assertThat(mock.getIdentity("shared", null).attributes()).hasSize(THREADS * REQUESTS);
        for (int t = 0; t < THREADS; t++) {
            assertThat(mock.getIdentity("worker-" + t, null).attributes()).hasSize(REQUESTS)
                    .containsEntry("Step" + (REQUESTS - 1), REQUESTS - 1);
        }
    }
}
