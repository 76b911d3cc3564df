package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.Host;
import dev.idle.api.IdleInputException;
import dev.idle.api.data.DataMap;
import dev.idle.graphsim.Fault;
import dev.idle.graphsim.RequestRecord;
import dev.idle.provider.support.ratelimit.RateLimits;
import dev.idle.provider.support.ratelimit.RateLimits.TargetStats;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Entra ID provider used by many threads at once, as a batch uses it: one write pace per app and tenant shared
 * by every thread and provider instance, a {@code Retry-After} pausing the whole target, tokens fetched once, and no
 * read before a revocation by object id. Counted at the Graph simulator; no timed assertions.
 */
class EntraIdRateLimitTest {
    /** A simulator per test: JUnit makes a new instance of the class for each. */
    private final SimFixture fx = SimFixture.start();

    @AfterEach
    void closeTheSimulator() {
        fx.sim.close();
    }

    @Test
    void sixteenThreadsShareOneWritePaceSoTheSimulatorsLimitIsRarelyMetAndEverySessionIsRevoked() throws Exception {
        fx.sim.throttle(20, Duration.ofSeconds(1), Duration.ofSeconds(1));
        List<String> ids = users(160);
        EntraIdProvider provider = fx.provider(); // default: 20 writes per second per app and tenant
        fx.sim.clearLog();

        List<Integer> attempts = inThreads(16, ids, id -> revokeRetryingLikeTheEngine(provider, id));

        assertThat(ids).allSatisfy(id -> assertThat(fx.sim.sessionCount(id)).isZero());
        long throttled = writes().stream().filter(r -> r.status() == 429).count();
        assertThat(throttled).as("429s met by 160 paced revocations").isLessThanOrEqualTo(16);
        assertThat(attempts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(160 + (int) throttled);
        assertThat(tokenRequests()).as("one token for every thread").isEqualTo(1);
        TargetStats stats = statsOf(provider);
        assertThat(stats.configuredWritesPerSecond()).isEqualTo(20.0);
        assertThat(stats.writes()).isEqualTo(160 + throttled);
        assertThat(stats.throttled()).isEqualTo(throttled);
    }

    @Test
    void sixteenThreadsRevoke800SessionsWithOneTokenOneCallEachAndNoError() throws Exception {
        List<String> ids = users(800);
        EntraIdProvider provider = fx.provider("rateLimit", "none");
        fx.sim.clearLog();

        List<Integer> attempts = inThreads(16, ids, id -> {
            provider.revokeSessions(id, null);
            return 1;
        });

        assertThat(attempts).hasSize(800);
        assertThat(ids).allSatisfy(id -> assertThat(fx.sim.sessionCount(id)).isZero());
        assertThat(graphCalls()).hasSize(800).allMatch(line -> line.startsWith("POST ") && line.endsWith("-> 200"));
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRetryAfterPausesEveryThreadWritingToTheTarget() throws Exception {
        List<String> ids = users(30);
        EntraIdProvider provider = fx.provider("rateLimit", DataMap.of("writesPerSecond", 5));
        provider.revokeSessions(ids.get(0), null); // token and connection ready
        // one 429 with Retry-After: 2 for the next revocation; slow pacing so no other write is in flight then
        fx.sim.injectFault(Fault.on("POST", ".*/revokeSignInSessions").times(1).status(429)
                .retryAfter(Duration.ofSeconds(2)));
        fx.sim.clearLog();

        inThreads(8, ids, id -> revokeRetryingLikeTheEngine(provider, id));

        List<RequestRecord> writes = writes();
        RequestRecord throttled = writes.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        Instant resume = throttled.time().plus(Duration.ofSeconds(2));
        assertThat(writes).filteredOn(r -> r != throttled && r.time().isAfter(throttled.time()))
                .as("every write after the 429 waits out its Retry-After, whichever thread sends it")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.time()).isAfterOrEqualTo(resume));
        assertThat(ids).allSatisfy(id -> assertThat(fx.sim.sessionCount(id)).isZero());
        assertThat(statsOf(provider).pauses()).isEqualTo(1);
        assertThat(statsOf(provider).currentWritesPerSecond()).as("slowed down after the 429").isLessThan(5.0);
    }

    @Test
    void twoProviderInstancesOfOneAppAndTenantShareALimiterAndAnotherAppHasItsOwn() {
        fx.sim.registerApp(SimFixture.TENANT, "second-app", SimFixture.SECRET);
        String id = fx.sim.addUser("shared@contoso.example", "Shared");
        EntraIdProvider first = fx.provider();
        EntraIdProvider second = fx.provider();
        EntraIdProvider otherApp = fx.provider("auth", DataMap.of("type", "ClientSecret", "tenantId", SimFixture.TENANT,
                "clientId", "second-app", "env", SimFixture.SECRET_VAR));

        first.revokeSessions(id, null);
        second.revokeSessions(id, null);
        otherApp.revokeSessions(id, null);

        assertThat(statsOf(first)).isEqualTo(statsOf(second));
        assertThat(statsOf(first).writes()).isEqualTo(2);
        assertThat(statsOf(otherApp).target()).isNotEqualTo(statsOf(first).target()).contains("app=second-app");
        assertThat(statsOf(otherApp).writes()).isEqualTo(1);
    }

    @Test
    void revokingByObjectIdMakesExactlyOneCallAndAUpnIsResolvedFirst() {
        String id = fx.sim.addUser("leaver@contoso.example", "Leaver");
        fx.sim.addSessions(id, 2);
        EntraIdProvider provider = fx.provider();
        provider.revokeSessions(id, null); // fetches the token
        fx.sim.clearLog();

        provider.revokeSessions(id, null);
        assertThat(graphCalls()).containsExactly("POST /v1.0/users/" + id + "/revokeSignInSessions -> 200");

        fx.sim.clearLog();
        provider.revokeSessions("leaver@contoso.example", null);
        assertThat(graphCalls()).hasSize(2).last().isEqualTo("POST /v1.0/users/" + id + "/revokeSignInSessions -> 200");
    }

    @Test
    void aBatchEnvelopeCountsAsTheWritesItCarries() {
        String id = fx.sim.addUser("joiner@contoso.example", "Joiner");
        List<Entitlement> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            groups.add(Entitlement.of("Group", fx.sim.addGroup("team-" + i)));
        }
        EntraIdProvider provider = fx.provider();

        provider.bulkGrantEntitlements(id, groups, null);

        assertThat(writes()).filteredOn(r -> r.batchItemId() == null).extracting(RequestRecord::target)
                .containsExactly("/v1.0/$batch");
        assertThat(statsOf(provider).writes()).isEqualTo(5);
    }

    @Test
    void revokingAnUnknownObjectIdSaysItIsNotFoundAsBefore() {
        String missing = "00000000-0000-0000-0000-00000000abcd";

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> fx.provider().revokeSessions(missing, null));

        assertThat(e).hasMessage("Identity with objectId '" + missing + "' not found.");
    }

    @Test
    void theHostFileSetsTheRateOrNoneAndBadValuesNameTheKey(@TempDir Path dir) {
        assertThat(statsAfterOneRevocation(fx.provider("rateLimit", DataMap.of("writesPerSecond", 7.5)))
                .configuredWritesPerSecond()).isEqualTo(7.5);
        fx.sim.registerApp(SimFixture.TENANT, "unpaced-app", SimFixture.SECRET);
        assertThat(statsAfterOneRevocation(fx.provider("rateLimit", "none", "auth", DataMap.of("type", "ClientSecret",
                "tenantId", SimFixture.TENANT, "clientId", "unpaced-app", "env", SimFixture.SECRET_VAR)))
                .configuredWritesPerSecond()).isZero();

        for (Object bad : List.of(DataMap.of("writesPerSecond", 0), DataMap.of("writesPerSecond", "fast"),
                DataMap.of("writesPerSecond", -3), DataMap.of("writesPerSecond", 20_000))) {
            assertThat(hostProblems(dir, bad)).anySatisfy(p -> assertThat(p)
                    .contains("providers.Identity").contains("'rateLimit.writesPerSecond'"));
        }
        assertThat(hostProblems(dir, DataMap.of("burst", 5))).anySatisfy(p -> assertThat(p)
                .contains("'rateLimit.burst' is not supported"));
        assertThat(hostProblems(dir, "fast")).anySatisfy(p -> assertThat(p).contains("option 'rateLimit' must be"));
    }

    private List<String> hostProblems(Path dir, Object rateLimit) {
        DataMap host = DataMap.of("providers", DataMap.of("Identity", DataMap.of("type", "entraid",
                "rateLimit", rateLimit)));
        return catchThrowableOfType(IdleInputException.class,
                () -> Host.fromData(host, dir, "host.yaml", name -> null)).problems();
    }

    private TargetStats statsAfterOneRevocation(EntraIdProvider provider) {
        String id = fx.sim.addUser("u" + System.nanoTime() + "@contoso.example", "U");
        provider.revokeSessions(id, null);
        return statsOf(provider);
    }

    private List<String> users(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = fx.sim.addUser("user" + i + "@contoso.example", "User " + i);
            fx.sim.addSessions(id, 1);
            ids.add(id);
        }
        return ids;
    }

    /** Calls once, and again after a transient failure, as core's retry loop would (at most 10 attempts). */
    private static int revokeRetryingLikeTheEngine(EntraIdProvider provider, String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                provider.revokeSessions(id, null);
                return attempt;
            } catch (ProviderException e) {
                if (!e.isTransient() || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private interface Work {
        int run(String id);
    }

    private static List<Integer> inThreads(int threads, List<String> ids, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (String id : ids) {
                futures.add(pool.submit(() -> work.run(id)));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get()); // an error in any thread fails the test here
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<RequestRecord> writes() {
        return fx.sim.requestLog().stream().filter(r -> r.target().startsWith("/v1.0/") && r.isWrite()).toList();
    }

    private List<String> graphCalls() {
        return fx.sim.requestLog().stream().filter(r -> r.target().startsWith("/v1.0/")).map(RequestRecord::line)
                .toList();
    }

    private long tokenRequests() {
        return fx.sim.requestLog().stream().filter(r -> r.target().contains("/oauth2/v2.0/token")).count();
    }

    /** The counters of the target {@code provider} wrote to last (targets are per simulator port, app and tenant). */
    private TargetStats statsOf(EntraIdProvider provider) {
        String target = provider.rateTarget(null);
        return RateLimits.snapshot().stream().filter(s -> s.target().equals(target)).findFirst().orElseThrow();
    }
}
