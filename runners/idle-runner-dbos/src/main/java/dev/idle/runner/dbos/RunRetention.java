package dev.idle.runner.dbos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The operator's retention of the audit trail: nothing is removed unless asked (no fixed cut-off); {@link #prune}
 * removes the runs that <em>ended</em> more than a given age ago — succeeded, failed, cancelled, or given up after
 * too many recoveries — with everything DBOS keeps for them (checkpointed steps, events, messages: DBOS's tables
 * delete them with the run), and the runner's recovery log entries older than that. Runs that have not ended (running,
 * queued, scheduled for later, waiting for approval) are never removed, however old.
 *
 * <pre>{@code
 * new RunRetention(DatabaseSettings.fromEnvironment(System.getenv())).prune(Duration.ofDays(400));
 * }</pre>
 *
 * <p>Ages are measured on the database's clock. How it fails: an {@link IllegalStateException} naming the SQL state
 * (never the password); a failed prune removes nothing (one transaction). Thread-safe (each call its own connection).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunRetention {
    private final DatabaseSettings settings;
    private final String dbosSchema;
    private final String runnerSchema;

    /** Retention over DBOS's default schema {@code dbos} and the runner's {@code idle_runner}. */
    public RunRetention(DatabaseSettings settings) {
        this(settings, "dbos", RunnerSchema.DEFAULT);
    }

    /**
     * Retention over DBOS's {@code dbosSchema} and the runner's {@code runnerSchema} (lower-case letters, digits and
     * {@code _}, as the runner's builder takes them).
     */
    public RunRetention(DatabaseSettings settings, String dbosSchema, String runnerSchema) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!RunnerSchema.validName(dbosSchema) || !RunnerSchema.validName(runnerSchema)) {
            throw new IllegalArgumentException("schemas must be lower-case letters, digits and _, got '" + dbosSchema
                    + "' and '" + runnerSchema + "'");
        }
        this.dbosSchema = dbosSchema;
        this.runnerSchema = runnerSchema;
    }

    /**
     * Removes the runs that ended more than {@code olderThan} ago, and the recovery log entries as old.
     *
     * @return how many runs were removed
     * @throws IllegalArgumentException when {@code olderThan} is negative
     */
    public int prune(Duration olderThan) {
        if (Objects.requireNonNull(olderThan, "olderThan").isNegative()) {
            throw new IllegalArgumentException("olderThan must not be negative, got " + olderThan);
        }
        double seconds = olderThan.toNanos() / 1e9;
        try (Connection c = settings.openConnection("idle retention")) {
            c.setAutoCommit(false);
            int runs;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM \"" + dbosSchema + "\".workflow_status"
                    + " WHERE status IN ('SUCCESS', 'ERROR', 'CANCELLED', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED')"
                    + " AND coalesce(completed_at, updated_at)"
                    + "   < extract(epoch FROM clock_timestamp() - make_interval(secs => ?)) * 1000")) {
                s.setDouble(1, seconds);
                runs = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + runnerSchema + ".recovery_log"
                    + " WHERE handed_over_at < clock_timestamp() - make_interval(secs => ?)")) {
                s.setDouble(1, seconds);
                s.executeUpdate();
            }
            c.commit();
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("Runs cannot be pruned in " + settings.url() + ": SQL state "
                    + e.getSQLState() + ".", e);
        }
    }
}
