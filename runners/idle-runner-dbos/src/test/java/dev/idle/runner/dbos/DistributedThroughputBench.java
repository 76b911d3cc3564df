package dev.idle.runner.dbos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.BatchRecord;
import dev.idle.api.BatchRunner;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.RequestSource;
import dev.idle.provider.support.ratelimit.RateLimits;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Issue 15's distributed benchmark (a {@code main}, not a test): in one run, and printed as one table (see
 * {@code docs/performance.md}, "Distributed runs"):
 * <ol>
 *   <li><b>unthrottled</b>: leavers (disable, revoke sessions) against the in-memory mock provider
 *       ({@code autoCreate}, no rate limit), all submitted at once, through 1 and then 2 {@link DbosRunner} workers
 *       in this JVM: workflows per second in all and per worker — the runner's own cost (DBOS's checkpoints in
 *       PostgreSQL) with no target to wait for;</li>
 *   <li><b>throttled</b>: N leavers of two writes each against the Graph simulator throttled at {@value #LIMIT}
 *       writes per sliding second, first by {@code idle batch}'s {@link BatchRunner} in this JVM (the provider's
 *       per-JVM limiter), then by W {@link DbosRunner} workers sharing one {@link PostgresWritePace}: worker 1 in
 *       this JVM, the others in child JVMs ({@code inline}: all in this JVM), each keeping {@code concurrency}
 *       requests in flight; writes per second counted at the simulator, their share of the limit, 429s, and the
 *       ratio distributed ÷ batch.</li>
 * </ol>
 * Rates are sustained rates ({@link SustainedRate}): leavers from their records' {@code finishedAt}, writes from the
 * simulator's accepted-write log. "Not done" counts records that are not {@code Completed} plus identities still
 * enabled or signed in afterwards.
 *
 * <p>Usage: {@code DistributedThroughputBench [N] [workers] [concurrency] [unthrottled N] [process|inline]}
 * (600, 2, 8, 1000, process); the database from {@code IDLE_PG_URL}, {@code IDLE_PG_USER},
 * {@code IDLE_PG_PASSWORD_FILE} ({@code .ci/postgres.sh env}). Each part uses DBOS schemas of its own.
 */
public final class DistributedThroughputBench {
    /** The simulator's limit: writes per sliding second. */
    static final int LIMIT = 20;
    /** Request runs at once per worker in the unthrottled rows: all are submitted at once, the queue lets this many run. */
    static final int UNTHROTTLED_IN_FLIGHT = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bench's knobs: see the class comment. */
    record Options(int leavers, int workers, int concurrency, int unthrottled, boolean childJvms) {
    }

    /** One line of the table, measured. */
    private record Row(String name, int requests, String workers, double requestsPerSecond, Double writesPerSecond,
                       int busiestSecond, int tooManyRequests, int notDone) {
    }

    private DistributedThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(arg(args, 0, 600), arg(args, 1, 2), arg(args, 2, 8), arg(args, 3, 1000),
                args.length <= 4 || !args[4].equals("inline"));
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(System.getenv());
        if (settings == null) {
            System.err.println("no PostgreSQL: set IDLE_PG_URL (bash .ci/postgres.sh start; eval \"$(bash"
                    + " .ci/postgres.sh env)\")");
            System.exit(2);
        }
        run(o, settings, Files.createTempDirectory("idle-distributed-bench"), System.out);
        System.exit(0); // the HTTP clients' selector threads would keep the JVM alive for a while
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    /** Runs both parts and prints the table (progress lines before it) to {@code out}; returns the table's lines. */
    static List<String> run(Options o, DatabaseSettings settings, Path work, PrintStream out) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.com.azure.core.http.jdk.httpclient.JdkHttpClient", "error");
        List<Row> rows = new ArrayList<>();
        for (int workers = 1; workers <= 2; workers++) {
            rows.add(unthrottled(o.unthrottled(), workers, settings, work.resolve("mock-" + workers), out));
        }
        Row batch = batch(o, work.resolve("batch"), out);
        Row distributed = distributed(o, settings, work.resolve("distributed"), out);
        rows.add(batch);
        rows.add(distributed);
        List<String> table = new ArrayList<>();
        table.add("| run | requests | workers × in flight | requests/s | writes/s at the target | % of " + LIMIT
                + " writes/s | busiest 1 s | 429s | not done |");
        table.add("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(r -> table.add(line(r)));
        table.add("| distributed ÷ idle batch (writes/s) | | | | " + f2(distributed.writesPerSecond()
                / batch.writesPerSecond()) + " | | | | |");
        out.println();
        table.forEach(out::println);
        return table;
    }

    private static String line(Row r) {
        boolean throttled = r.writesPerSecond() != null;
        return "| " + r.name() + " | " + r.requests() + " | " + r.workers() + " | " + f1(r.requestsPerSecond())
                + " | " + (throttled ? f1(r.writesPerSecond()) : "—") + " | "
                + (throttled ? f1(100 * r.writesPerSecond() / LIMIT) + " %" : "—") + " | "
                + (throttled ? Integer.toString(r.busiestSecond()) : "—") + " | "
                + (throttled ? Integer.toString(r.tooManyRequests()) : "—") + " | " + r.notDone() + " |";
    }

    /** Part 1: {@code n} leavers against the mock through {@code workers} workers in this JVM, submitted at once. */
    private static Row unthrottled(int n, int workers, DatabaseSettings settings, Path dir, PrintStream out)
            throws Exception {
        Files.createDirectories(dir);
        Path host = Files.writeString(dir.resolve("host.yaml"), """
                providers:
                  Identity: { type: mock, autoCreate: true }
                """);
        Path workflow = Files.writeString(dir.resolve("leaver.psd1"), """
                @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'; Steps = @(
                  @{ Name = 'Disable account'; Type = 'IdLE.Step.DisableIdentity'
                     With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                  @{ Name = 'Revoke sign-in sessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
                     With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                ) }
                """);
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            identities.add("leaver" + i);
        }
        String schema = DistributedFixture.uniqueSchema();
        String prefix = "mock-" + workers + "-" + UUID.randomUUID() + "-";
        out.println("[bench] mock, no limit: " + n + " leavers through " + workers + " worker(s) in this JVM");
        List<BenchWorker> started = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                started.add(new BenchWorker(settings, schema, host, workflow, "bench-mock-" + w + "-" + prefix,
                        UNTHROTTLED_IN_FLIGHT));
            }
            List<List<String>> shares = shares(identities, workers);
            List<String> records = inParallel(workers, w -> started.get(w).submitAllThenAwait(
                    BenchWorker.leavers(prefix + w + "-", shares.get(w))));
            Outcome done = outcome(records);
            return new Row("mock, no limit: " + workers + " DbosRunner worker" + (workers == 1 ? "" : "s")
                    + " in one JVM (per worker: " + f1(done.rate() / workers) + "/s)", n, workers + " × " + UNTHROTTLED_IN_FLIGHT,
                    done.rate(), null, 0, 0, done.notCompleted());
        } finally {
            started.forEach(BenchWorker::close);
        }
    }

    /** Part 2a: {@code idle batch}'s runner over the leavers, in this JVM, with the provider's per-JVM limiter. */
    private static Row batch(Options o, Path dir, PrintStream out) throws Exception {
        try (ThrottledLeavers target = new ThrottledLeavers(dir, LIMIT, o.leavers());
             Host host = Host.load(target.host)) {
            BatchRunner batch = Idle.create().batch().workflow(target.workflow).providers(host.providers())
                    .executionOptions(host.executionOptions()).concurrency(o.concurrency()).build();
            out.println("[bench] Graph, --throttle " + LIMIT + "/1s: idle batch, " + o.leavers() + " leavers, "
                    + o.concurrency() + " in flight");
            target.settle();
            List<Instant> finished = new ArrayList<>();
            int[] notCompleted = {0};
            batch.run(RequestSource.of(BenchWorker.leavers("batch-", target.identities)), r -> {
                if (r.status() == BatchRecord.Status.Completed) {
                    finished.add(r.finishedAt());
                } else {
                    notCompleted[0]++;
                }
            });
            ThrottledLeavers.Counts c = target.counts();
            target.throttledDetail().forEach(d -> out.println("[bench] " + d));
            return new Row("Graph --throttle " + LIMIT + "/1s: idle batch (BatchRunner, one JVM, per-JVM limiter)",
                    o.leavers(), "1 × " + o.concurrency(), SustainedRate.perSecond(finished),
                    c.sustainedWritesPerSecond(), c.busiestSecond(), c.tooManyRequests(), notCompleted[0] + c.notDone());
        }
    }

    /**
     * Part 2b: W workers over the leavers, sharing one {@link PostgresWritePace}: worker 0 in this JVM, the others
     * in child JVMs (or all here when {@code inline}), each with its share and {@code concurrency} in flight.
     */
    private static Row distributed(Options o, DatabaseSettings settings, Path dir, PrintStream out)
            throws Exception {
        String schema = DistributedFixture.uniqueSchema();
        String paceSchema = "pace_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String prefix = "graph-" + UUID.randomUUID() + "-";
        try (ThrottledLeavers target = new ThrottledLeavers(dir, LIMIT, o.leavers());
             PostgresWritePace pace = new PostgresWritePace(settings, paceSchema)) {
            RateLimits.useSharedPace(pace);
            List<BenchWorker> here = new ArrayList<>();
            List<Process> children = new ArrayList<>();
            try {
                int inJvm = o.childJvms() ? 1 : o.workers();
                for (int w = 0; w < inJvm; w++) {
                    here.add(new BenchWorker(settings, schema, target.host, target.workflow, "bench-graph-" + w,
                            o.concurrency()));
                }
                out.println("[bench] Graph, --throttle " + LIMIT + "/1s: " + o.workers() + " DbosRunner workers ("
                        + (o.childJvms() ? "1 in this JVM, " + (o.workers() - 1) + " in child JVMs" : "all in this JVM")
                        + "), shared PostgresWritePace, " + o.leavers() + " leavers, " + o.concurrency()
                        + " in flight each");
                target.settle();
                int per = (o.leavers() + o.workers() - 1) / o.workers();
                for (int w = inJvm; w < o.workers(); w++) {
                    int from = Math.min(o.leavers(), w * per);
                    int to = Math.min(o.leavers(), from + per);
                    children.add(childWorker(settings, schema, paceSchema, target, dir, from, to, prefix, o, w));
                }
                inParallel(inJvm, w -> {
                    int from = Math.min(o.leavers(), w * per);
                    int to = Math.min(o.leavers(), from + per);
                    return here.get(w).feed(BenchWorker.leavers(prefix + from + "+",
                            target.identities.subList(from, to)), o.concurrency());
                });
                for (Process child : children) {
                    if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
                        throw new IllegalStateException("a child worker failed; see " + dir);
                    }
                }
                List<String> records = new ArrayList<>();
                for (int w = 0; w < o.workers(); w++) {
                    int from = Math.min(o.leavers(), w * per);
                    int to = Math.min(o.leavers(), from + per);
                    for (int i = 0; i < to - from; i++) {
                        records.add(here.get(0).runner().result(prefix + from + "+" + i).orElse("{}"));
                    }
                }
                Outcome done = outcome(records);
                ThrottledLeavers.Counts c = target.counts();
                target.throttledDetail().forEach(d -> out.println("[bench] " + d));
                return new Row("Graph --throttle " + LIMIT + "/1s: " + o.workers() + " DbosRunner workers ("
                        + (o.childJvms() ? "1 + " + (o.workers() - 1) + " child JVM" + (o.workers() > 2 ? "s" : "")
                        : "one JVM") + "), shared PostgresWritePace", o.leavers(), o.workers() + " × "
                        + o.concurrency(), done.rate(), c.sustainedWritesPerSecond(), c.busiestSecond(),
                        c.tooManyRequests(), done.notCompleted() + c.notDone());
            } finally {
                children.forEach(Process::destroyForcibly);
                here.forEach(BenchWorker::close);
                RateLimits.useSharedPace(null);
            }
        }
    }

    private static Process childWorker(DatabaseSettings settings, String schema, String paceSchema,
                                       ThrottledLeavers target, Path dir, int from, int to, String prefix,
                                       Options o, int w) throws Exception {
        ProcessBuilder child = new ProcessBuilder(BenchWorker.childCommand(schema, paceSchema,
                target.host.toString(), target.workflow.toString(),
                target.identitiesFile(dir, from, to).toString(), prefix + from + "+",
                Integer.toString(o.concurrency()), "bench-graph-" + w));
        child.environment().put("IDLE_PG_URL", settings.url());
        child.environment().put("IDLE_PG_USER", settings.user());
        if (settings.passwordFile() != null) {
            child.environment().put("IDLE_PG_PASSWORD_FILE", settings.passwordFile().toString());
        }
        return child.redirectOutput(dir.resolve("worker-" + w + ".out").toFile())
                .redirectError(dir.resolve("worker-" + w + ".err").toFile()).start();
    }

    /** {@code items} in {@code parts} consecutive shares (the last may be shorter). */
    private static List<List<String>> shares(List<String> items, int parts) {
        int per = (items.size() + parts - 1) / parts;
        List<List<String>> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            out.add(items.subList(Math.min(items.size(), p * per), Math.min(items.size(), (p + 1) * per)));
        }
        return out;
    }

    private interface WorkerTask {
        List<String> run(int worker) throws Exception;
    }

    /** Runs {@code task} for workers 0 to {@code n - 1} at once; all their records. */
    private static List<String> inParallel(int n, WorkerTask task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<List<String>>> parts = new ArrayList<>();
            for (int w = 0; w < n; w++) {
                int worker = w;
                parts.add(threads.submit(() -> task.run(worker)));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : parts) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The sustained rate of the {@code Completed} records and how many were not. */
    private record Outcome(double rate, int notCompleted) {
    }

    private static Outcome outcome(List<String> records) throws Exception {
        List<Instant> finished = new ArrayList<>();
        int notCompleted = 0;
        for (String record : records) {
            JsonNode r = JSON.readTree(record);
            if (r.path("status").asText().equals("Completed")) {
                finished.add(Instant.parse(r.path("finishedAt").asText()));
            } else {
                notCompleted++;
            }
        }
        return new Outcome(SustainedRate.perSecond(finished), notCompleted);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
