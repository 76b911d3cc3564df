package dev.idle.provider.keycloak.it;

import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RequestRecord;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Graph rows of {@link BatchThroughputBench}: session revocations by object id against one Graph simulator
 * (HTTPS, its own certificate, client-credentials tokens), by {@code idle batch} with the {@code entraid} provider
 * and by a {@link PlainLoop} ({@code POST /users/{id}/revokeSignInSessions}), each over its own users with one
 * session each. Calls are counted at the simulator. Each row uses a simulator of its own, so that the provider's
 * JVM-wide rate limiter (one per app, tenant and endpoint) starts fresh for it. Not thread-safe; one row at a time.
 */
final class GraphThroughput implements AutoCloseable {
    private static final String TENANT = "contoso-tenant";
    private static final String CLIENT = "idle-bench";
    private static final String SECRET = "bench-Graph-Secret-5d1e";

    /** What one run (idle or plain) did, counted at the simulator. */
    record Run(Completions completions, int failed, int revocationCalls, int otherGraphCalls, int tokenCalls,
               int tooManyRequests, int maxWritesInAnySecond, String detail) {
        double rate() {
            return completions.sustainedRate();
        }
    }

    private final GraphSimulator sim;
    private final Path dir;
    private final Path host;
    private final Path workflow;
    private int users;
    private int runs;

    /**
     * Starts a simulator, throttled to {@code throttleWrites} per sliding second (with {@code Retry-After: 1}, as
     * {@code idle graph-simulator --throttle 20/1s}) unless it is 0, and writes the host file: default settings, or
     * {@code rateLimit: none} when {@code unpaced}. Every answer is delayed by {@code latency} (zero: at once).
     */
    GraphThroughput(Path dir, int throttleWrites, boolean unpaced, Duration latency) throws IOException {
        GraphSimulator.Builder b = GraphSimulator.builder().latency(latency);
        if (throttleWrites > 0) {
            b.throttle(throttleWrites, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
        this.sim = b.build().start();
        this.dir = Files.createDirectories(dir);
        sim.registerApp(TENANT, CLIENT, SECRET);
        Path secret = Files.writeString(dir.resolve("graph-client-secret.txt"), SECRET + "\n");
        Path storePassword = Files.writeString(dir.resolve("truststore-password.txt"),
                new String(sim.trustStorePassword()) + "\n");
        this.host = Files.writeString(dir.resolve("host.yaml"), """
                providers:
                  Identity:
                    type: entraid
                    baseUrl: %s
                    authorityHost: %s
                    trustStore: '%s'
                    trustStorePasswordFile: '%s'
                %s    auth: { type: ClientSecret, tenantId: %s, clientId: %s, file: '%s' }
                """.formatted(sim.graphBaseUrl(), sim.authorityHost(), slashes(sim.trustStore()),
                slashes(storePassword),
                unpaced ? "    rateLimit: none\n" : "", TENANT, CLIENT, slashes(secret)));
        this.workflow = IdleBatchRun.revokeWorkflow(dir.resolve("revoke.psd1"));
    }

    private static String slashes(Path p) {
        return p.toAbsolutePath().toString().replace('\\', '/');
    }

    /** {@code n} new users with one sign-in session each; their object ids. */
    List<String> users(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = users++;
            String id = sim.addUser("leaver" + k + "@contoso.example", "Leaver " + k);
            sim.addSessions(id, 1);
            ids.add(id);
        }
        return ids;
    }

    /** {@code idle batch} over {@code ids}. */
    Run idleBatch(List<String> ids, int concurrency) throws IOException, InterruptedException {
        Path requests = IdleBatchRun.requests(dir.resolve("requests-" + (runs++) + ".jsonl"), ids);
        settle();
        IdleBatchRun run = IdleBatchRun.run(workflow, host, requests, concurrency);
        if (run.exit() != 0 && run.completions().count() == 0) {
            throw new IllegalStateException("idle batch exited " + run.exit() + ": " + run.stderr());
        }
        return counted(run.completions(), run.notCompleted() + ids.size() - run.statuses().values().stream()
                .mapToInt(Integer::intValue).sum(), ids, lastLine(run.stderr()));
    }

    /** The plain loop over {@code ids}: one token, one client, {@code concurrency} threads. */
    Run plainLoop(List<String> ids, int concurrency) throws IOException, InterruptedException {
        settle();
        URI base = sim.graphBaseUrl();
        PlainLoop loop = new PlainLoop(sim.clientSslContext(), base, token());
        PlainLoop.Outcome o = loop.run(ids, concurrency,
                id -> loop.send("POST", URI.create(base + "/users/" + id + "/revokeSignInSessions")));
        return counted(o.completions(), o.failed(), ids, "");
    }

    private Run counted(Completions completions, int failed, List<String> ids, String detail) {
        List<RequestRecord> log = sim.requestLog();
        int revocations = 0;
        int other = 0;
        int tokens = 0;
        for (RequestRecord r : log) {
            if (r.target().endsWith("/revokeSignInSessions")) {
                revocations++;
            } else if (r.target().contains("/oauth2/v2.0/token")) {
                tokens++;
            } else {
                other++;
            }
        }
        int stillSignedIn = (int) ids.stream().filter(id -> sim.sessionCount(id) > 0).count();
        return new Run(completions, Math.max(failed, stillSignedIn), revocations, other, tokens,
                sim.tooManyRequestsSent(), sim.maxWritesInAnyWindow(Duration.ofSeconds(1)), detail);
    }

    /** Lets the throttle's window empty and forgets the log, so each run is counted alone. */
    private void settle() throws InterruptedException {
        Thread.sleep(1_500);
        sim.clearLog();
    }

    /** One client-credentials token, as a script gets it. */
    private String token() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + CLIENT + "&client_secret="
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sim.tokenEndpoint(TENANT))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered HTTP " + r.statusCode());
        }
        return KeycloakServer.JSON.readTree(r.body()).path("access_token").asText();
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\\R");
        return lines[lines.length - 1];
    }

    @Override
    public void close() {
        sim.close();
    }
}
