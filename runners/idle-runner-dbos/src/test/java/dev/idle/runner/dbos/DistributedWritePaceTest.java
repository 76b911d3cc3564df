package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.ratelimit.RateLimits;
import dev.idle.provider.support.ratelimit.SharedPace;
import dev.idle.provider.support.ratelimit.TargetLimiter;
import dev.idle.spi.ProviderException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link PostgresWritePace} instances, each with its own connection, stand for two worker JVMs over one
 * PostgreSQL; the times writes go are taken on one clock, as a server would count them.
 */
class DistributedWritePaceTest {
    private static final RateLimit TWENTY = RateLimit.writesPerSecond(20);

    private final String schema = "pace_" + UUID.randomUUID().toString().replace("-", "");
    private final String target = "graph https://graph.example tenant=" + UUID.randomUUID();
    private DatabaseSettings settings;
    private PostgresWritePace workerA;
    private PostgresWritePace workerB;

    @BeforeEach
    void twoWorkers() {
        settings = RealPostgres.settings();
        workerA = new PostgresWritePace(settings, schema);
        workerB = new PostgresWritePace(settings, schema);
    }

    @AfterEach
    void close() throws Exception {
        RateLimits.useSharedPace(null);
        if (workerA != null) {
            workerA.close();
            workerB.close();
            try (Connection c = connect(); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void manyThreadsOfTwoWorkersNeverSendMoreThanTheRateInAnySlidingSecond() throws Exception {
        ConcurrentLinkedQueue<Long> sentAt = new ConcurrentLinkedQueue<>();
        AtomicInteger byA = new AtomicInteger();
        AtomicInteger byB = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            boolean onA = i % 2 == 0;
            PostgresWritePace worker = onA ? workerA : workerB;
            done.add(threads.submit(() -> {
                SharedPace.Permit permit = worker.acquire(target, TWENTY, 20, 1);
                sentAt.add(System.nanoTime());
                (onA ? byA : byB).incrementAndGet();
                TimeUnit.MILLISECONDS.sleep(3); // the server's answer time
                worker.answered(permit);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();

        assertThat(sentAt).hasSize(70);
        assertThat(byA.get()).isEqualTo(35);
        assertThat(byB.get()).isEqualTo(35);
        assertThat(maxInAnyWindow(sentAt, Duration.ofSeconds(1))).as("writes in any sliding 1 s window")
                .isLessThanOrEqualTo(20);
    }

    @Test
    void aTargetWhoseWindowIsFullDoesNotHoldBackAnother() throws Exception {
        RateLimit onePerSecond = RateLimit.writesPerSecond(1);
        workerA.acquire(target, onePerSecond, 1, 1); // never answered: the target's only place stays taken
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<SharedPace.Permit> blocked = threads.submit(() -> workerB.acquire(target, onePerSecond, 1, 1));

        String other = target + " other";
        for (int i = 0; i < 10; i++) {
            workerB.answered(workerB.acquire(other, RateLimit.writesPerSecond(1000), 1000, 1));
        }

        assertThat(blocked).as("the full target still waits").isNotDone();
        blocked.cancel(true);
        threads.shutdown();
        assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).as("a waiting caller can be interrupted").isTrue();
    }

    @Test
    void aPauseSetByOneWorkerHoldsBackTheOthersWritesAndReads() throws Exception {
        workerA.answered(workerA.acquire(target, TWENTY, 20, 1));

        workerA.pause(target, Duration.ofMillis(700));
        workerB.answered(workerB.acquire(target, TWENTY, 20, 1));
        assertThat(pauseIsOver()).as("a write of the other worker went after the pause").isTrue();

        workerA.pause(target, Duration.ofMillis(700));
        workerB.acquire(target, TWENTY, 20, 0);
        assertThat(pauseIsOver()).as("a read of the other worker went after the pause").isTrue();
    }

    @Test
    void aRetryAfterMetThroughTheInstalledPaceHoldsBackAnotherWorker() throws Exception {
        RateLimits.useSharedPace(workerA);
        TargetLimiter limiter = RateLimits.forTarget(target, TWENTY);

        limiter.afterAnswer(limiter.beforeSend(true), 429, Duration.ofMillis(700));
        workerB.answered(workerB.acquire(target, TWENTY, 20, 1));

        assertThat(pauseIsOver()).as("the other worker's write went after the Retry-After").isTrue();
        assertThat(limiter.stats().pauses()).isEqualTo(1);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsReportedWithoutThePassword() {
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2",
                settings.user(), settings.passwordFile());

        assertThatThrownBy(() -> new PostgresWritePace(nowhere, schema))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shared write pace in PostgreSQL")
                .hasMessageContaining("SQL state");
    }

    @Test
    void aLostConnectionFailsOneWriteAsTransientAndTheNextReconnects() throws Exception {
        workerA.answered(workerA.acquire(target, TWENTY, 20, 1));
        try (Connection c = connect(); var s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'idle write pace' AND pid <> pg_backend_pid()");
        }

        assertThatThrownBy(() -> workerA.acquire(target, TWENTY, 20, 1))
                .isInstanceOf(ProviderException.class)
                .matches(ProviderException::isTransient, "transient")
                .hasMessageContaining("SQL state");
        workerA.answered(workerA.acquire(target, TWENTY, 20, 1));
    }

    /** True when the target's pause (set once, on the database's clock) has ended by now. */
    private boolean pauseIsOver() throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT paused_until > 'epoch'"
                + " AND paused_until <= clock_timestamp() FROM " + schema + ".write_pace WHERE target = ?")) {
            s.setString(1, target);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private Connection connect() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        if (settings.passwordFile() != null) {
            props.setProperty("password", settings.readPassword());
        }
        return DriverManager.getConnection(settings.url(), props);
    }

    /** The most writes of {@code times} (nanoTime) in any half-open window of {@code window}. */
    static int maxInAnyWindow(Iterable<Long> times, Duration window) {
        List<Long> sorted = new ArrayList<>();
        times.forEach(sorted::add);
        sorted.sort(null);
        int max = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (sorted.get(last) - sorted.get(first) >= window.toNanos()) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }
}
