package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One {@link Idle} and one {@link Host} serve many threads at once: the contract {@link BatchRunner} relies on. */
class BatchThreadSafetyTest {
    @TempDir
    Path dir;

    @Test
    void oneIdleAndOneHostPlanAndRunForSixteenThreadsAtOnce() throws Exception {
        Idle idle = BatchFixture.idle();
        DataMap workflow = (DataMap) dev.idle.api.data.Values.readOnlyCopy(BatchFixture.workflow(idle));
        BatchFixture.TouchProvider touch = new BatchFixture.TouchProvider();
        Path hostFile = dir.resolve("host.yaml");
        Files.writeString(hostFile, "providers:\n  Other:\n    type: recording\n");
        try (Host host = Host.load(hostFile, name -> null)) {
            Providers providers = Providers.builder().provider("Identity", touch)
                    .provider("Other", host.providers().get("Other")).build();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                Callable<List<String>> work = () -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        LifecycleRequest request = BatchFixture.leaver("t" + thread + "-" + i);
                        Plan plan = idle.plan(workflow, request, providers, "touch.psd1");
                        ExecutionResult r = idle.invoke(plan, providers, null, host.executionOptions());
                        assertThat(r.status()).isEqualTo(RunStatus.Completed);
                        ids.add(r.correlationId());
                        assertThat(host.providers().get("Other")).isSameAs(providers.get("Other"));
                    }
                    return ids;
                };
                futures.add(pool.submit(work));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get());
            }
            pool.shutdown();
            assertThat(all).hasSize(800).doesNotHaveDuplicates();
            assertThat(touch.touched).hasSize(800).allSatisfy((k, v) -> assertThat(v.get()).isEqualTo(1));
        }
    }

    @Test
    void aSharedWorkflowIsNotChangedByTheRunsThatUseIt() {
        Idle idle = BatchFixture.idle();
        DataMap workflow = BatchFixture.workflow(idle);
        String before = workflow.toString();
        BatchFixture.TouchProvider touch = new BatchFixture.TouchProvider();
        idle.batch().workflow(workflow, "touch.psd1").providers(BatchFixture.providers(touch)).concurrency(4).build()
                .run(RequestSource.of(List.of(BatchFixture.leaver("a"), BatchFixture.leaver("b"))), r -> { });
        assertThat(workflow.toString()).isEqualTo(before);
        assertThat(touch.writes()).isEqualTo(2);
    }
}
