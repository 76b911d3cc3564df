package dev.idle.runner.dbos;

import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.provider.support.ratelimit.RateLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One worker of {@link DistributedThroughputBench}: a {@link DbosRunner} on the bench's database with the providers
 * of a host file, and the feed that keeps {@code concurrency} of its share of the requests in flight on it (submit,
 * await the result, submit the next), as an {@code idle worker --concurrency N} would. When the runner's
 * {@code submit} puts a request on a queue that every worker takes from, the feed still works: it only submits and
 * awaits by id, whichever worker runs the request.
 *
 * <p>Runs in the bench's JVM and, through {@link #main}, in a child JVM (a second worker process). With
 * {@code paceSchema} set the JVM's provider writes go through one {@link PostgresWritePace} shared by every worker.
 * Not thread-safe: one feed at a time.
 */
final class BenchWorker implements AutoCloseable {
    /** How long one request may take before the feed gives up on it (a throttled run of 1,000 takes ~100 s). */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final Host host;
    private final DbosRunner runner;

    /**
     * Starts a worker on {@code settings}' database: DBOS's tables in {@code schema}, the providers of {@code
     * hostFile}, the workflow of {@code workflowFile}, running at most {@code concurrency} requests at once (the
     * worker's share of the queue every worker takes from).
     */
    BenchWorker(DatabaseSettings settings, String schema, Path hostFile, Path workflowFile, String executorId,
                int concurrency) {
        this.host = Host.load(hostFile);
        DbosRunner started;
        try {
            started = DbosRunner.builder(settings).idle(Idle.create()).workflow(workflowFile)
                    .providers(host.providers()).executionOptions(host.executionOptions())
                    .databaseSchema(schema).executorId(executorId).concurrency(concurrency).start();
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        this.runner = started;
    }

    DbosRunner runner() {
        return runner;
    }

    /**
     * Submits every request of {@code requests} with at most {@code concurrency} in flight and waits for each
     * result; returns the results records (in no particular order).
     */
    List<String> feed(List<LifecycleRequest> requests, int concurrency) throws Exception {
        ConcurrentLinkedQueue<LifecycleRequest> todo = new ConcurrentLinkedQueue<>(requests);
        ConcurrentLinkedQueue<String> records = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> feeders = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                feeders.add(threads.submit(() -> {
                    for (LifecycleRequest r = todo.poll(); r != null; r = todo.poll()) {
                        runner.submit(r);
                        records.add(runner.awaitResult(r.correlationId(), REQUEST_TIMEOUT));
                    }
                    return null;
                }));
            }
            for (Future<?> f : feeders) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return new ArrayList<>(records);
    }

    /**
     * Submits every request at once (DBOS runs as many at a time as its executor's threads allow) and then waits for
     * each result; returns the results records. For the unthrottled row: no feed thread waits on a poll in between.
     */
    List<String> submitAllThenAwait(List<LifecycleRequest> requests) throws InterruptedException {
        for (LifecycleRequest r : requests) {
            runner.submit(r);
        }
        List<String> records = new ArrayList<>(requests.size());
        for (LifecycleRequest r : requests) {
            records.add(runner.awaitResult(r.correlationId(), REQUEST_TIMEOUT));
        }
        return records;
    }

    @Override
    public void close() {
        runner.close();
        host.close();
    }

    /** The Leaver requests of the bench: correlation id {@code prefix + index}, identity key {@code Id}. */
    static List<LifecycleRequest> leavers(String prefix, List<String> identities) {
        List<LifecycleRequest> out = new ArrayList<>(identities.size());
        for (int i = 0; i < identities.size(); i++) {
            out.add(LifecycleRequest.builder("Leaver").correlationId(prefix + i).actor("bench")
                    .identityKey("Id", identities.get(i)).build());
        }
        return out;
    }

    /**
     * Child JVM: {@code <schema> <pace schema> <host file> <workflow file> <identities file> <correlation prefix>
     * <concurrency> <executor id>}; the database from {@code IDLE_PG_*}. Installs the shared write pace, feeds its
     * share, exits 0 when every request got a results record.
     */
    public static void main(String[] args) throws Exception {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(System.getenv());
        List<String> identities = Files.readAllLines(Path.of(args[4]), StandardCharsets.UTF_8);
        try (PostgresWritePace pace = new PostgresWritePace(settings, args[1])) {
            RateLimits.useSharedPace(pace);
            try (BenchWorker worker = new BenchWorker(settings, args[0], Path.of(args[2]), Path.of(args[3]),
                    args[7], Integer.parseInt(args[6]))) {
                List<String> records = worker.feed(leavers(args[5], identities), Integer.parseInt(args[6]));
                System.out.println("records " + records.size());
            }
        }
        System.exit(0); // the HTTP clients' selector threads would keep the JVM alive for a while
    }

    /** The command line of a child JVM running {@link #main} (its environment is set by the caller). */
    static List<String> childCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchWorker.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
