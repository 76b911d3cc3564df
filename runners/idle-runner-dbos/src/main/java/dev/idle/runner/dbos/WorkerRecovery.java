package dev.idle.runner.dbos;

import dev.dbos.transact.config.DBOSConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's part in recovery, started with it and stopped when it closes: its DBOS admin server (which the active
 * watchdog calls to hand it a dead worker's runs), its {@link WorkerLease} renewed every third of the lease length,
 * and its {@link RecoveryWatchdog} checking every watchdog interval. See {@link RecoveryOptions} for the take-over
 * time.
 *
 * <p>Use: {@link #prepare} before DBOS is made (it fixes the executor id and the admin port), {@link #configure} the
 * DBOS configuration, {@link #claim} the lease before DBOS launches, {@link #start} once it has, and {@link #close()}
 * after DBOS has shut down (which ends the lease at once, so a live worker takes over what this one left unfinished
 * at the watchdog's next check).
 *
 * <p>How it fails: {@link #claim} throws an {@link IllegalStateException} when the lease cannot be taken (the database
 * cannot be reached); later lease and watchdog failures are logged and retried at the next tick. Thread-safe.
 */
final class WorkerRecovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRecovery.class);

    private final RecoveryOptions options;
    private final String executorId;
    private final int adminPort;
    private DatabaseSettings settings;
    private String runnerSchema;
    private ScheduledExecutorService ticks;
    private WorkerLease lease;
    private RecoveryWatchdog watchdog;

    private WorkerRecovery(RecoveryOptions options, String executorId, int adminPort) {
        this.options = options;
        this.executorId = executorId;
        this.adminPort = adminPort;
    }

    /**
     * Recovery for a worker with {@code executorId}, or a new unique one when null (executors must be told apart by
     * their leases), and the admin port of {@code options} or a free one.
     */
    static WorkerRecovery prepare(RecoveryOptions options, String executorId) {
        String id = executorId != null ? executorId : "worker-" + options.advertisedHost() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        return new WorkerRecovery(options, id, options.adminPort() != 0 ? options.adminPort() : freePort());
    }

    /** {@code config} with this worker's executor id and its admin server on. */
    DBOSConfig configure(DBOSConfig config) {
        return config.withExecutorId(executorId).withAdminServer(true).withAdminServerPort(adminPort);
    }

    /**
     * Takes the lease, before DBOS launches: a worker restarted under the id of a dead one is alive again before it
     * resumes that one's runs, so the watchdog does not hand them to another worker at the same time.
     */
    synchronized void claim(DatabaseSettings settings, String runnerSchema) {
        this.settings = settings;
        this.runnerSchema = runnerSchema;
        lease = new WorkerLease(settings, runnerSchema, executorId,
                "http://" + options.advertisedHost() + ":" + adminPort, options.leaseLength());
        try {
            lease.renew();
        } catch (SQLException e) {
            throw new IllegalStateException("worker " + executorId + ": cannot take its lease in " + runnerSchema
                    + ": SQL state " + e.getSQLState(), e);
        }
    }

    /** Once DBOS has launched: starts renewing the lease and the watchdog's checks over DBOS's {@code dbosSchema}. */
    synchronized void start(String dbosSchema) {
        watchdog = new RecoveryWatchdog(settings, runnerSchema, dbosSchema);
        ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idle-recovery-" + executorId);
            t.setDaemon(true);
            return t;
        });
        long renewMillis = Math.max(1, options.leaseLength().toMillis() / 3);
        ticks.scheduleWithFixedDelay(this::renew, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        long checkMillis = options.watchdogInterval().toMillis();
        ticks.scheduleWithFixedDelay(this::check, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        LOG.info("worker {}: lease {} renewed every {} ms, admin server on port {}, watchdog every {} ms",
                executorId, options.leaseLength(), renewMillis, adminPort, checkMillis);
    }

    /** Stops renewing and checking and ends the lease now. */
    @Override
    public synchronized void close() {
        if (lease == null) {
            return;
        }
        if (ticks != null) {
            ticks.shutdownNow();
            try {
                ticks.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watchdog.close();
        }
        try {
            lease.expire();
        } catch (SQLException e) {
            LOG.warn("worker {}: could not end its lease (SQL state {}); it runs out by itself", executorId,
                    e.getSQLState());
        }
        ticks = null;
        lease = null;
    }

    private void renew() {
        try {
            lease.renew();
        } catch (SQLException e) {
            LOG.warn("worker {}: lease not renewed (SQL state {}); trying again", executorId, e.getSQLState());
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and keep renewing
            LOG.warn("worker {}: lease not renewed: {}", executorId, e.toString());
        }
    }

    private void check() {
        try {
            watchdog.check();
        } catch (RuntimeException e) {
            LOG.warn("worker {}: recovery watchdog check failed: {}", executorId, e.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the DBOS admin server", e);
        }
    }
}
