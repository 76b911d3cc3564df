package dev.idle.api;

import dev.idle.spi.RequestBoundary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider that buffers state is made durable after each request and before that request's record is handed over. */
class BatchRequestBoundaryTest {
    /** Touches become durable only at {@link #afterRequest()}; a set number of boundaries may fail first. */
    static final class BufferingProvider extends BatchFixture.TouchProvider implements RequestBoundary {
        final Set<String> durable = ConcurrentHashMap.newKeySet();
        final AtomicInteger boundaries = new AtomicInteger();
        volatile boolean failing;

        @Override
        public void afterRequest() {
            boundaries.incrementAndGet();
            if (failing) {
                throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
            }
            durable.addAll(touched.keySet());
        }
    }

    private final Idle idle = BatchFixture.idle();

    private static RequestSource leavers(int n) {
        List<LifecycleRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(BatchFixture.leaver("u" + i));
        }
        return RequestSource.of(requests);
    }

    @Test
    void everyRecordIsHandedOverOnlyAfterItsChangesAreDurable() {
        BufferingProvider provider = new BufferingProvider();
        List<String> notDurableWhenReported = Collections.synchronizedList(new ArrayList<>());
        BatchSummary summary = idle.batch().workflow(BatchFixture.workflow(idle), "touch.psd1")
                .providers(BatchFixture.providers(provider)).concurrency(8).build()
                .run(leavers(200), r -> {
                    String id = r.correlationId().substring(2);
                    if (!provider.durable.contains(id)) {
                        notDurableWhenReported.add(id);
                    }
                });
        assertThat(summary.count(BatchRecord.Status.Completed)).isEqualTo(200);
        assertThat(notDurableWhenReported).isEmpty();
        assertThat(provider.boundaries.get()).isEqualTo(200);
    }

    @Test
    void aBoundaryThatFailsStopsTheBatchAndWithholdsThatRecord() {
        BufferingProvider provider = new BufferingProvider();
        provider.failing = true;
        List<BatchRecord> records = Collections.synchronizedList(new ArrayList<>());
        BatchSummary summary = idle.batch().workflow(BatchFixture.workflow(idle), "touch.psd1")
                .providers(BatchFixture.providers(provider)).concurrency(1).build()
                .run(leavers(5), records::add);
        assertThat(records).isEmpty();
        assertThat(summary.stoppedBy()).hasMessageContaining("disk full");
        assertThat(provider.touched).hasSize(1);
    }

    @Test
    void aDryRunCallsNoBoundary() {
        BufferingProvider provider = new BufferingProvider();
        idle.batch().workflow(BatchFixture.workflow(idle), "touch.psd1").providers(BatchFixture.providers(provider))
                .dryRun(true).build().run(leavers(3), r -> { });
        assertThat(provider.boundaries.get()).isZero();
    }
}
