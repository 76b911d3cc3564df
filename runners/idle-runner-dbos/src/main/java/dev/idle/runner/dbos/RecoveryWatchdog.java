package dev.idle.runner.dbos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the unfinished runs of dead workers to live ones. Every worker has one, and at most one is active at a time:
 * the one whose session holds the PostgreSQL advisory lock of the runner's schema (taken by the first to ask, kept
 * while its connection lives; a dead worker's connection closes with it, and the next check of another worker takes
 * the lock over).
 *
 * <p>A {@link #check()} of the active watchdog finds every executor whose {@link WorkerLease} expired and that still
 * owns {@code PENDING} runs in DBOS's {@code workflow_status}, and for each calls a live worker's DBOS admin server,
 * {@code POST /dbos-workflow-recovery} with the JSON array {@code ["<dead executor id>"]}: that worker resumes the runs
 * (DBOS replays their checkpointed steps and runs the rest; a run that was dequeued from a queue goes back to the
 * queue) and they are its own from then on. The live worker owning the fewest unfinished runs is asked first; if it
 * cannot be reached, the next. Each hand-over is logged in {@code recovery_log}; an expired lease that owns no
 * unfinished run any more is deleted.
 *
 * <p>DBOS resumes only runs of its own application version (its code): workers of one cluster run the same build.
 *
 * <p>How it fails: a database error ends the check (logged; the next check reconnects and tries again); a worker that
 * cannot be reached is skipped. Not thread-safe: one scheduler thread calls {@link #check()}.
 */
final class RecoveryWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryWatchdog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final DatabaseSettings settings;
    private final String schema;
    private final String dbosSchema;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Connection session;
    private boolean active;

    /**
     * A watchdog over the leases in {@code schema} and the runs in DBOS's {@code dbosSchema}.
     */
    RecoveryWatchdog(DatabaseSettings settings, String schema, String dbosSchema) {
        this.settings = settings;
        this.schema = schema;
        this.dbosSchema = "\"" + dbosSchema + "\"";
    }

    /** One hand-over: {@code runs} unfinished runs of {@code deadExecutor} went to {@code takenOverBy}. */
    record HandOver(String deadExecutor, String takenOverBy, int runs) {
    }

    /**
     * If this watchdog is (or becomes) the active one, hands the runs of every dead worker to a live one.
     *
     * @return the hand-overs made; empty when not active or nobody died
     */
    List<HandOver> check() {
        try {
            if (!holdsLock()) {
                return List.of();
            }
            List<HandOver> done = new ArrayList<>();
            for (Dead dead : deadWorkers()) {
                HandOver h = handOver(dead);
                if (h != null) {
                    done.add(h);
                }
            }
            deleteSpentLeases();
            return done;
        } catch (SQLException e) {
            LOG.warn("recovery watchdog: database unavailable (SQL state {}); trying again at the next check",
                    e.getSQLState());
            closeSession();
            return List.of();
        }
    }

    /** Whether this watchdog holds the lock; gives it up when it closes. */
    boolean active() {
        return active;
    }

    @Override
    public void close() {
        closeSession();
    }

    private boolean holdsLock() throws SQLException {
        if (session == null) {
            session = settings.openConnection("idle recovery watchdog");
            active = false;
        }
        if (active) {
            try (var s = session.createStatement()) { // the lock lives as long as this session: is it still there?
                s.execute("SELECT 1");
            }
            return true;
        }
        try (PreparedStatement s = session.prepareStatement(
                "SELECT pg_try_advisory_lock(hashtext('idle_runner watchdog ' || ?))")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                active = rs.getBoolean(1);
            }
        }
        if (active) {
            LOG.info("recovery watchdog: active in this worker");
        }
        return active;
    }

    private List<Dead> deadWorkers() throws SQLException {
        List<Dead> dead = new ArrayList<>();
        try (PreparedStatement s = session.prepareStatement("SELECT l.executor_id, l.expires_at, count(*)"
                + " FROM " + schema + ".worker_lease l JOIN " + dbosSchema + ".workflow_status w"
                + "   ON w.executor_id = l.executor_id AND w.status = 'PENDING'"
                + " WHERE l.expires_at < clock_timestamp() GROUP BY l.executor_id, l.expires_at")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    dead.add(new Dead(rs.getString(1), rs.getTimestamp(2), rs.getInt(3)));
                }
            }
        }
        return dead;
    }

    /** Live workers, the one owning the fewest unfinished runs first. */
    private List<Live> liveWorkers() throws SQLException {
        List<Live> live = new ArrayList<>();
        try (PreparedStatement s = session.prepareStatement("SELECT l.executor_id, l.admin_url"
                + " FROM " + schema + ".worker_lease l WHERE l.expires_at > clock_timestamp()"
                + " ORDER BY (SELECT count(*) FROM " + dbosSchema + ".workflow_status w"
                + "   WHERE w.executor_id = l.executor_id AND w.status = 'PENDING'), l.executor_id")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    live.add(new Live(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return live;
    }

    private HandOver handOver(Dead dead) throws SQLException {
        List<Live> live = liveWorkers();
        if (live.isEmpty()) {
            LOG.warn("recovery watchdog: worker {} is dead with {} unfinished runs, and no live worker to take them",
                    dead.executorId, dead.pending);
            return null;
        }
        for (Live worker : live) {
            Integer runs = recover(worker, dead.executorId);
            if (runs != null) {
                try (PreparedStatement s = session.prepareStatement("INSERT INTO " + schema + ".recovery_log"
                        + " (dead_executor, taken_over_by, lease_expired_at, runs) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, dead.executorId);
                    s.setString(2, worker.executorId);
                    s.setTimestamp(3, dead.expiredAt);
                    s.setInt(4, runs);
                    s.executeUpdate();
                }
                LOG.info("recovery watchdog: {} unfinished runs of worker {} (lease expired {}) taken over by {}",
                        runs, dead.executorId, dead.expiredAt.toInstant(), worker.executorId);
                return new HandOver(dead.executorId, worker.executorId, runs);
            }
        }
        return null;
    }

    /** Asks {@code worker} to resume the runs of {@code deadExecutor}; how many it took, or null if it failed. */
    private Integer recover(Live worker, String deadExecutor) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(worker.adminUrl + "/dbos-workflow-recovery"))
                    .timeout(CALL_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(deadExecutor))))
                    .build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                LOG.warn("recovery watchdog: worker {} answered {} to the recovery of {}", worker.executorId,
                        answer.statusCode(), deadExecutor);
                return null;
            }
            return JSON.readTree(answer.body()).size();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("recovery watchdog: worker {} at {} cannot be reached: {}", worker.executorId, worker.adminUrl,
                    e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void deleteSpentLeases() throws SQLException {
        try (PreparedStatement s = session.prepareStatement("DELETE FROM " + schema + ".worker_lease l"
                + " WHERE l.expires_at < clock_timestamp() AND NOT EXISTS (SELECT 1 FROM " + dbosSchema
                + ".workflow_status w WHERE w.executor_id = l.executor_id AND w.status = 'PENDING')")) {
            s.executeUpdate();
        }
    }

    private void closeSession() {
        if (session != null) {
            try (Connection c = session) {
                if (active) {
                    // closing would release the lock too, but only once the server has ended the session: release
                    // it now, so that another worker's next check can take over at once
                    try (var s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock_all()");
                    }
                }
            } catch (SQLException e) {
                // a broken session: the server releases the lock when it notices
            }
            session = null;
        }
        active = false;
    }

    private record Dead(String executorId, Timestamp expiredAt, int pending) {
    }

    private record Live(String executorId, String adminUrl) {
    }
}
