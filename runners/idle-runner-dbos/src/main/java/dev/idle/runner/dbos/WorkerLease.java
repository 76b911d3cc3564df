package dev.idle.runner.dbos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * This worker's lease in {@code <schema>.worker_lease}: its executor id, the URL of its DBOS admin server, and until
 * when it counts as alive ({@code expires_at}, the database's clock plus the lease length at each renewal, so the
 * workers' clocks need not agree). A worker renews it regularly; one that stops renewing is taken for dead by the
 * {@link RecoveryWatchdog} once it expired.
 *
 * <p>How it fails: {@link #renew()} throws the {@link SQLException} (the caller logs it and tries again at the next
 * renewal; the lease runs out if the database stays unreachable). Each call opens its own short connection.
 * Thread-safe.
 */
final class WorkerLease {
    private final DatabaseSettings settings;
    private final String schema;
    private final String executorId;
    private final String adminUrl;
    private final Duration length;

    WorkerLease(DatabaseSettings settings, String schema, String executorId, String adminUrl, Duration length) {
        this.settings = settings;
        this.schema = schema;
        this.executorId = executorId;
        this.adminUrl = adminUrl;
        this.length = length;
    }

    /** Takes or renews the lease: alive until the database's now plus the lease length. */
    void renew() throws SQLException {
        try (Connection c = settings.openConnection("idle worker lease");
             PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".worker_lease AS l"
                     + " (executor_id, admin_url, heartbeat_at, expires_at)"
                     + " VALUES (?, ?, clock_timestamp(), clock_timestamp() + make_interval(secs => ?))"
                     + " ON CONFLICT (executor_id) DO UPDATE SET admin_url = excluded.admin_url,"
                     + " heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at,"
                     + " started_at = CASE WHEN l.expires_at < clock_timestamp() THEN clock_timestamp()"
                     + "   ELSE l.started_at END")) {
            s.setString(1, executorId);
            s.setString(2, adminUrl);
            s.setDouble(3, length.toNanos() / 1e9);
            s.executeUpdate();
        }
    }

    /**
     * Ends the lease now (a worker shutting down): the watchdog hands the runs it leaves unfinished to a live worker
     * at its next check instead of after the lease length.
     */
    void expire() throws SQLException {
        try (Connection c = settings.openConnection("idle worker lease");
             PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".worker_lease"
                     + " SET expires_at = clock_timestamp() WHERE executor_id = ?")) {
            s.setString(1, executorId);
            s.executeUpdate();
        }
    }
}
