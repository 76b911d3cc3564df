package dev.idle.provider.keycloak.it;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Issue 14's batch benchmark (a {@code main}, not a test): in one run, {@code idle batch} beside a plain HTTP loop at
 * the same concurrency, printed as one table (see {@code docs/performance.md}):
 * <ol>
 *   <li>against the Graph simulator throttled to 20 writes per sliding second ({@code --throttle 20/1s}), with the
 *       host file's default settings (the provider paces Graph writes at 20/s);</li>
 *   <li>against an unthrottled simulator, the host file saying {@code rateLimit: none} (otherwise the provider would
 *       still pace at 20/s);</li>
 *   <li>the same against a simulator that answers after {@link #LATENCY} (a service some way off);</li>
 *   <li>against a real Keycloak (skipped with the reason when none can be started).</li>
 * </ol>
 * Every run revokes the sessions of fresh identities with one session each, by object id. The throttled row runs
 * once per side (N identities at 20/s take N/20 s); the others run {@code rounds} times per side, alternating, after a
 * warm-up round, and report the median rate. Rates are sustained rates ({@link Completions#sustainedRate()}).
 *
 * <p>Usage: {@code BatchThroughputBench [N] [concurrency] [rounds] [rows]} (600, 8, 5, all rows; {@code rows} is a
 * comma list of {@code throttled}, {@code unlimited}, {@code latency}, {@code keycloak}, e.g. to profile one of
 * them); Keycloak is started from the distribution named by the system property {@code idle.keycloak.home}, as the
 * tests of this module do.
 */
public final class BatchThroughputBench {
    /** The simulator's limit: writes per sliding second. */
    static final int LIMIT = 20;
    /** The rows, by the names the fourth argument uses. */
    static final Set<String> ROWS = Set.of("throttled", "unlimited", "latency", "keycloak");
    /** The answer delay of the simulator in the row that models a service some way off. */
    static final Duration LATENCY = Duration.ofMillis(20);

    private BatchThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Set<String> only = args.length > 3 ? Set.of(args[3].split(",")) : ROWS;
        Path work = Files.createTempDirectory("idle-batch-bench");
        String home = System.getProperty("idle.keycloak.home");
        if (home != null) { // kc.sh runs in the distribution's folder: a relative path would not resolve there
            System.setProperty("idle.keycloak.home", Path.of(home).toAbsolutePath().toString());
        }
        RealKeycloak.Fixture keycloak = home == null
                || !only.contains("keycloak") ? null : RealKeycloak.Fixture.start();
        String noKeycloak = keycloak == null ? "system property idle.keycloak.home is not set"
                : keycloak.server == null ? keycloak.reason : null;
        try {
            run(n, concurrency, rounds, only, noKeycloak == null ? keycloak.server : null, noKeycloak, work,
                    System.out);
        } finally {
            if (keycloak != null) {
                keycloak.close();
            }
        }
        System.exit(0); // the HTTP clients' selector threads would keep the JVM alive for a while
    }

    /**
     * Runs every row and prints the table (with progress lines before it) to {@code out}.
     *
     * @param keycloak   a running server, or null to skip the Keycloak row with {@code noKeycloak} as the reason
     * @return the table's lines
     */
    static List<String> run(int n, int concurrency, int rounds, Set<String> only, KeycloakServer keycloak,
                            String noKeycloak, Path work, PrintStream out) throws Exception {
        // the Azure SDK's notice about a header the JDK client sets itself, once per token request: noise here
        System.setProperty("org.slf4j.simpleLogger.log.com.azure.core.http.jdk.httpclient.JdkHttpClient", "error");
        List<String> rows = new ArrayList<>();
        String unlimited = null;
        String withLatency = null;
        // the unthrottled row first: it warms the JIT for the throttled one, whose limiter it does not share
        if (only.contains("unlimited")) {
            unlimited = unlimitedRow(work.resolve("graph-unlimited"), n, concurrency, rounds, Duration.ZERO, out);
        }
        if (only.contains("latency")) {
            withLatency = unlimitedRow(work.resolve("graph-latency"), n, concurrency, rounds, LATENCY, out);
        }
        if (only.contains("throttled")) {
            try (GraphThroughput graph = new GraphThroughput(work.resolve("graph-throttled"), LIMIT, false,
                    Duration.ZERO)) {
                out.println("[bench] Graph, --throttle " + LIMIT + "/1s: " + n + " per side");
                SideBySide<GraphThroughput.Run> runs = SideBySide.run(graph::users, n, 0, 1,
                        ids -> graph.plainLoop(ids, concurrency), ids -> graph.idleBatch(ids, concurrency));
                GraphThroughput.Run idle = runs.idle().get(0);
                out.println("[bench] idle batch said: " + idle.detail());
                rows.add(graphRow("Graph simulator, --throttle " + LIMIT + "/1s (host: defaults)", n, concurrency,
                        idle, runs.plain().get(0), true));
            }
        }
        if (unlimited != null) {
            rows.add(unlimited);
        }
        if (withLatency != null) {
            rows.add(withLatency);
        }
        if (!only.contains("keycloak")) {
            // not asked for
        } else if (keycloak == null) {
            rows.add("| Keycloak: skipped (" + noKeycloak.lines().findFirst().orElse("") + ") | | | | | | | | |");
        } else {
            rows.add(keycloakRow(keycloak, work.resolve("keycloak"), n, concurrency, rounds, out));
        }
        List<String> table = new ArrayList<>();
        table.add("| row | N, threads | idle batch /s | plain loop /s | idle / plain | % of " + LIMIT + "/s"
                + " | revocation calls per identity, idle / plain | failed, idle / plain | 429s met, idle / plain |");
        table.add("|---|---|---|---|---|---|---|---|---|");
        table.addAll(rows);
        out.println();
        table.forEach(out::println);
        out.println("(100,000 requests under -Xmx256m: MockBatchHeapBench, docs/performance.md)");
        return table;
    }

    private static String unlimitedRow(Path dir, int n, int concurrency, int rounds, Duration latency,
                                       PrintStream out) throws Exception {
        try (GraphThroughput graph = new GraphThroughput(dir, 0, true, latency)) {
            String name = "Graph simulator, no limit" + (latency.isZero() ? "" : ", answers after "
                    + latency.toMillis() + " ms");
            out.println("[bench] " + name + ": warm-up, then " + rounds + " rounds of " + n + " per side");
            SideBySide<GraphThroughput.Run> runs = SideBySide.run(graph::users, n, Math.min(1000, 2 * n), rounds,
                    ids -> graph.plainLoop(ids, concurrency), ids -> graph.idleBatch(ids, concurrency));
            return graphRow(name + " (host: rateLimit none)", n, concurrency,
                    runs.medianIdle(GraphThroughput.Run::rate), runs.medianPlain(GraphThroughput.Run::rate), false);
        }
    }

    private static String graphRow(String name, int n, int concurrency, GraphThroughput.Run idle,
                                   GraphThroughput.Run plain, boolean limited) {
        double i = idle.rate();
        double p = plain.rate();
        return "| " + name + " | " + n + ", " + concurrency + " | " + f1(i) + " | " + f1(p) + " | " + f2(i / p)
                + " | " + (limited ? f1(100 * i / LIMIT) + " % (plain " + f1(100 * p / LIMIT) + " %); busiest 1 s: "
                        + idle.maxWritesInAnySecond() + " / " + plain.maxWritesInAnySecond() : "—")
                + " | " + f2((double) idle.revocationCalls() / n) + " / " + f2((double) plain.revocationCalls() / n)
                + (idle.otherGraphCalls() > 0 ? " (+" + idle.otherGraphCalls() + " other Graph calls)" : "")
                + "; tokens " + idle.tokenCalls() + " / " + plain.tokenCalls()
                + " | " + idle.failed() + " / " + plain.failed()
                + " | " + idle.tooManyRequests() + " / " + plain.tooManyRequests() + " |";
    }

    private static String keycloakRow(KeycloakServer kc, Path dir, int n, int concurrency, int rounds,
                                      PrintStream out) throws Exception {
        KeycloakThroughput bench = new KeycloakThroughput(kc, dir);
        out.println("[bench] Keycloak: warm-up, then " + rounds + " rounds of " + n + " per side");
        SideBySide<KeycloakThroughput.Run> runs = SideBySide.run(bench::users, n, Math.min(300, n), rounds,
                ids -> bench.plainLoop(ids, concurrency), ids -> bench.idleBatch(ids, concurrency));
        KeycloakThroughput.Run i = runs.medianIdle(KeycloakThroughput.Run::rate);
        KeycloakThroughput.Run p = runs.medianPlain(KeycloakThroughput.Run::rate);
        double ir = i.rate();
        double pr = p.rate();
        return "| Keycloak (real server), list sessions + logout | " + n + ", " + concurrency + " | " + f1(ir)
                + " | " + f1(pr) + " | " + f2(ir / pr) + " | — | HTTP calls per identity "
                + f2((double) i.calls() / n)
                + " / " + f2((double) p.calls() / n) + " | " + i.failed() + " / " + p.failed() + " | — |";
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
