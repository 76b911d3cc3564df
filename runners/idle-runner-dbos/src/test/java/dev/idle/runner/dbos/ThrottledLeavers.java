package dev.idle.runner.dbos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RequestRecord;
import dev.idle.graphsim.RetryAfterRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The throttled target of {@link DistributedThroughputBench}: a Graph simulator of its own allowing {@code limit}
 * writes per client in any sliding second ({@code idle graph-simulator --throttle 20/1s}), N leavers with one sign-in
 * session each, a host file with the {@code entraid} provider at its default settings (it paces Graph writes at
 * 20/s) and a leaver workflow of two writes per identity: disable the account ({@code PATCH}), revoke its sessions
 * ({@code POST}). Each side of the bench uses one of its own, so that the JVM's per-target limiter (keyed by the
 * simulator's address) starts fresh for it. Not thread-safe: set up, run one side, read the counts.
 */
final class ThrottledLeavers implements AutoCloseable {
    /** Writes each leaver makes. */
    static final int WRITES_PER_LEAVER = 2;
    private static final String TENANT = "contoso-bench";
    private static final String CLIENT = "idle-distributed-bench";
    private static final String SECRET = "bench-Graph-Secret-7c2a";

    /** What the simulator saw of one side's run. */
    record Counts(int acceptedWrites, double sustainedWritesPerSecond, int busiestSecond, int tooManyRequests,
                  int notDone) {
    }

    private final GraphSimulator sim;
    final Path host;
    final Path workflow;
    final List<String> identities = new ArrayList<>();

    /** Starts the simulator with {@code limit} writes per sliding second (0: no throttle) and writes the files. */
    ThrottledLeavers(Path dir, int limit, int leavers) throws IOException {
        GraphSimulator.Builder b = GraphSimulator.builder();
        if (limit > 0) {
            b.throttle(limit, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
        this.sim = b.build().start();
        Files.createDirectories(dir);
        sim.registerApp(TENANT, CLIENT, SECRET);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("type", "entraid");
        identity.put("baseUrl", sim.graphBaseUrl().toString());
        identity.put("authorityHost", sim.authorityHost().toString());
        identity.put("trustStore", sim.trustStore().toAbsolutePath().toString());
        identity.put("trustStorePasswordFile", Files.writeString(dir.resolve("truststore-password.txt"),
                new String(sim.trustStorePassword())).toAbsolutePath().toString());
        identity.put("auth", Map.of("type", "ClientSecret", "tenantId", TENANT, "clientId", CLIENT,
                "file", Files.writeString(dir.resolve("graph-client-secret.txt"), SECRET).toAbsolutePath().toString()));
        // the entraid provider at its default settings: it paces this Graph app at 20 writes/s
        this.host = dir.resolve("host.json");
        new ObjectMapper().writeValue(host.toFile(), Map.of("providers", Map.of("Identity", identity)));
        this.workflow = Files.writeString(dir.resolve("leaver.psd1"), """
                @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'; Steps = @(
                  @{ Name = 'Disable account'; Type = 'IdLE.Step.DisableIdentity'
                     With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                  @{ Name = 'Revoke sign-in sessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
                     With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                ) }
                """);
        for (int i = 0; i < leavers; i++) {
            String id = sim.addUser("leaver" + i + "@contoso.example", "Leaver " + i);
            sim.addSessions(id, 1);
            identities.add(id);
        }
    }

    /** The identities file a child worker reads its share from: object ids {@code from} (inclusive) to {@code to}. */
    Path identitiesFile(Path dir, int from, int to) throws IOException {
        return Files.write(dir.resolve("identities-" + from + "-" + to + ".txt"), identities.subList(from, to));
    }

    /** Lets the throttle's window empty and forgets the log, so the side's run is counted alone. */
    void settle() throws InterruptedException {
        Thread.sleep(1_500);
        sim.clearLog();
    }

    /** The simulator's view of the run: writes, their sustained rate, 429s, leavers still enabled or signed in. */
    Counts counts() {
        List<Instant> writes = new ArrayList<>();
        for (RequestRecord r : sim.acceptedWriteLog()) {
            writes.add(r.time());
        }
        int notDone = 0;
        for (String id : identities) {
            if (sim.sessionCount(id) > 0 || !Boolean.FALSE.equals(sim.user(id).get("accountEnabled"))) {
                notDone++;
            }
        }
        return new Counts(writes.size(), SustainedRate.perSecond(writes),
                sim.maxWritesInAnyWindow(Duration.ofSeconds(1)), sim.tooManyRequestsSent(), notDone);
    }

    /**
     * One line per 429 the throttle sent: when, to which write, and how the accepted writes in the second before it
     * were spread (the first and the last of them), for a reader who must tell a pacing error from a repeated send.
     */
    List<String> throttledDetail() {
        List<String> out = new ArrayList<>();
        List<RequestRecord> accepted = sim.acceptedWriteLog();
        for (RetryAfterRecord r : sim.retryAfterIssued()) {
            List<Instant> before = accepted.stream().map(RequestRecord::time)
                    .filter(t -> t.isAfter(r.issuedAt().minusSeconds(1)) && !t.isAfter(r.issuedAt())).sorted().toList();
            long sameTarget = sim.requestLog().stream().filter(x -> x.target().equals(r.target())).count();
            out.add("429 at " + r.issuedAt() + " to " + r.method() + " " + r.target() + ": " + before.size()
                    + " accepted in the second before" + (before.isEmpty() ? "" : " (" + before.get(0) + " .. "
                    + before.get(before.size() - 1) + ")") + "; requests to that target in all: " + sameTarget);
        }
        return out;
    }

    @Override
    public void close() {
        sim.close();
    }
}
