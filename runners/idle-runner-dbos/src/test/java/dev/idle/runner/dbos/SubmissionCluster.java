package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.runner.DistributedRunner.SubmissionState;
import dev.idle.runner.SubmissionSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's cluster of the submission tests: a schema of its own, the leaver of {@link DistributedFixture} with one
 * {@link DistributedFixture.WriteCounter} for all its workers, and the workers and clients it opened, closed by
 * {@link #close()}. Ids made with {@link #run} are unique to the test.
 */
final class SubmissionCluster implements AutoCloseable {
    static final Duration WAIT = Duration.ofMinutes(2);

    final Idle idle = DistributedFixture.idle();
    final DistributedFixture.WriteCounter counter = new DistributedFixture.WriteCounter();
    final String schema = DistributedFixture.uniqueSchema();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A worker of this cluster; executor ids get {@link #run} appended. */
    DbosRunner worker(String executorId, int concurrency) {
        DbosRunner worker = DbosRunner.builder(RealPostgres.settings()).idle(idle)
                .providers(DistributedFixture.providers(counter)).databaseSchema(schema)
                .executorId(executorId + "-" + run).concurrency(concurrency).start();
        open.add(worker);
        return worker;
    }

    /** A client that is not a worker. */
    DbosClient client() {
        DbosClient client = DbosClient.open(RealPostgres.settings(), schema);
        open.add(client);
        return client;
    }

    SubmissionSpec.Builder spec(List<LifecycleRequest> requests) {
        return SubmissionSpec.builder(idle.parseWorkflow(DistributedFixture.LEAVER, "leaver.psd1"), "leaver.psd1")
                .requests(requests);
    }

    /** {@code n} leavers of identities {@code jdoe-<run>-<i>}, correlation ids {@code leaver-<run>-<i>}. */
    List<LifecycleRequest> leavers(int n) {
        List<LifecycleRequest> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(DistributedFixture.leaver("leaver-" + run + "-" + i, "jdoe-" + run + "-" + i));
        }
        return list;
    }

    int totalWrites() {
        return counter.writes.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static void awaitState(DbosRunner runner, String id, SubmissionState state) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (runner.status(id).orElse(null) != state) {
            assertThat(Instant.now()).as("%s reaches %s (now: %s)", id, state, runner.details(id))
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }
}
