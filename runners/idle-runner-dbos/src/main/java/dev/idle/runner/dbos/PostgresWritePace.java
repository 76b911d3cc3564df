package dev.idle.runner.dbos;

import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.ratelimit.RateLimits;
import dev.idle.provider.support.ratelimit.SharedPace;
import dev.idle.spi.ProviderException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The write pace of every target shared by every worker JVM over one PostgreSQL database: installed with
 * {@link RateLimits#useSharedPace}, it makes N workers together send at most a target's rate (e.g. 20 writes/s to
 * one Graph app in one tenant), counted in HTTP writes, instead of N times that rate.
 *
 * <p>Per target it keeps one row in {@code <schema>.write_pace} (the next place, the earliest time the next write may
 * go, and a pause) and a ring of the target's last writes in {@code <schema>.write_window}, as the in-JVM write
 * window does: a write takes place {@code n} only once
 * <ul>
 *   <li>the write at place {@code n - size} was answered at least one window span ago (size = the rate rounded down,
 *       span = size / rate seconds: 20 writes per 1 s at 20/s), so a server counting writes in a sliding window
 *       never sees more than the rate in one, whatever jitter bunches calls of different JVMs;</li>
 *   <li>its slot has come: slots are {@code 1 / rate} seconds apart (smooth, no burst), at the rate the asking JVM
 *       paces the target at now (lower after throttling), each following the previous slot rather than the moment
 *       the previous write was taken, so that late wake-ups do not add up; after an idle time the slots restart from
 *       the last write, at least half a spacing after it;</li>
 *   <li>no pause is set: a {@code Retry-After} met by one JVM holds back every JVM until then.</li>
 * </ul>
 * Each check and the taking of a place happen in one transaction holding the target's row lock; every time compared
 * is the database's clock, so the workers' clocks need not agree. A waiting caller sleeps outside the transaction
 * until the time the row names, or polls every {@value #POLL_MILLIS} ms while the write it waits for is unanswered;
 * an unanswered write (its worker died) counts as answered {@link #GIVE_UP} (or the {@code giveUp} given) after it
 * went.
 *
 * <p>The tables belong to the runner's schema, versioned with Flyway (see {@code RunnerSchema}): an instance applies
 * the migrations not yet applied when it is made (under an advisory lock, so several workers may start together). The
 * window size comes from the limit the asking JVM is configured with: every worker should configure a target alike.
 *
 * <p>How it fails: {@link #acquire} throws a transient {@link ProviderException} naming the SQL state when the
 * database cannot be reached (the engine retries the step; the next call reconnects), the constructor an
 * {@link IllegalStateException} and {@link InterruptedException} when the waiting thread is
 * interrupted; {@link #answered} and {@link #pause} swallow database errors (a lost answer holds its place until
 * {@link #GIVE_UP}, a lost pause may cost one more throttled answer). No password appears in a message.
 *
 * <p>Thread-safe (the calls of one instance share one connection, one transaction at a time) and multi-process-safe
 * (the row lock orders the workers).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PostgresWritePace implements SharedPace, AutoCloseable {
    /** How long an unanswered write holds its place at most. */
    public static final Duration GIVE_UP = Duration.ofMinutes(2);
    /** The default schema of the tables. */
    public static final String DEFAULT_SCHEMA = RunnerSchema.DEFAULT;
    static final long POLL_MILLIS = 10;

    private final DatabaseSettings settings;
    private final String schema;
    private final Duration giveUp;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();
    private Connection connection;

    /** A pace in {@link #DEFAULT_SCHEMA}; creates its tables if absent. */
    public PostgresWritePace(DatabaseSettings settings) {
        this(settings, DEFAULT_SCHEMA);
    }

    /**
     * A pace whose tables live in {@code schema} (lower-case letters, digits and {@code _}); creates them if absent.
     *
     * @throws IllegalArgumentException for another schema name
     * @throws IllegalStateException    when the database cannot be reached, naming the SQL state
     */
    public PostgresWritePace(DatabaseSettings settings, String schema) {
        this(settings, schema, GIVE_UP);
    }

    /**
     * A pace in {@code schema} whose unanswered writes hold their place at most {@code giveUp} after they went (a
     * write's worker died): long enough for any write still on its way to have arrived, i.e. at least the providers'
     * HTTP timeout; {@link #GIVE_UP} by default.
     *
     * @throws IllegalArgumentException for another schema name or a giveUp that is not positive
     * @throws IllegalStateException    when the database cannot be reached, naming the SQL state
     */
    public PostgresWritePace(DatabaseSettings settings, String schema, Duration giveUp) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!RunnerSchema.validName(Objects.requireNonNull(schema, "schema"))) {
            throw new IllegalArgumentException("schema must be lower-case letters, digits and _, got '" + schema + "'");
        }
        this.schema = schema;
        this.giveUp = Objects.requireNonNull(giveUp, "giveUp");
        if (giveUp.isNegative() || giveUp.isZero()) {
            throw new IllegalArgumentException("giveUp must be positive, got " + giveUp);
        }
        try {
            RunnerSchema.migrateTables(settings, schema);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw new IllegalStateException(unavailable(sql).getMessage(), sql);
            }
            throw e;
        }
    }

    @Override
    public Permit acquire(String target, RateLimit limit, double writesPerSecond, int writes)
            throws InterruptedException {
        Objects.requireNonNull(target, "target");
        if (writes <= 0 || !limit.limited()) {
            awaitNoPause(target);
            return Permit.none(target);
        }
        int size = (int) Math.max(1, Math.floor(limit.writesPerSecond()));
        double spanSeconds = size / limit.writesPerSecond();
        double spacingSeconds = 1 / Math.max(writesPerSecond, limit.writesPerSecond() / 10);
        long[] places = new long[Math.min(writes, size)];
        // places of a target go one after another anyway: one thread of this JVM asks the database at a time, the
        // others wait here in arrival order instead of polling the database all at once
        ReentrantLock turn = turns.computeIfAbsent(target, t -> new ReentrantLock(true));
        turn.lockInterruptibly();
        try {
            for (int i = 0; i < places.length; i++) {
                places[i] = takePlace(target, size, spanSeconds, spacingSeconds);
            }
        } finally {
            turn.unlock();
        }
        return new Permit(target, places);
    }

    @Override
    public void answered(Permit permit) {
        if (permit.places().length == 0) {
            return;
        }
        // the answer came now; the update may wait for this JVM's connection (other callers' transactions) and the
        // window would stay closed that much longer per write: it records the answer's time, not the update's
        long answeredNanos = System.nanoTime();
        try {
            inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".write_window"
                        + " SET answered_at = clock_timestamp() - make_interval(secs => ?)"
                        + " WHERE target = ? AND place = ANY (?) AND answered_at IS NULL")) {
                    s.setDouble(1, Math.max(0, System.nanoTime() - answeredNanos) / 1e9);
                    s.setString(2, permit.target());
                    s.setArray(3, c.createArrayOf("bigint",
                            Arrays.stream(permit.places()).boxed().toArray(Long[]::new)));
                    s.executeUpdate();
                }
                return null;
            });
        } catch (ProviderException e) {
            // the place is released GIVE_UP after its write went: slower, never stuck
        }
    }

    @Override
    public void pause(String target, Duration wait) {
        try {
            inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".write_pace AS p"
                        + " (target, paused_until) VALUES (?, clock_timestamp() + make_interval(secs => ?))"
                        + " ON CONFLICT (target) DO UPDATE"
                        + " SET paused_until = greatest(p.paused_until, excluded.paused_until)")) {
                    s.setString(1, target);
                    s.setDouble(2, wait.toNanos() / 1e9);
                    s.executeUpdate();
                }
                return null;
            });
        } catch (ProviderException e) {
            // this JVM still pauses the target itself; others may meet one more throttled answer
        }
    }

    /** Closes the connection; later calls reconnect. */
    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next place of {@code target}, waiting (outside any transaction) until it is free. */
    private long takePlace(String target, int size, double spanSeconds, double spacingSeconds)
            throws InterruptedException {
        while (true) {
            Reservation r = inTransaction(c -> reserve(c, target, size, spanSeconds, spacingSeconds));
            if (r.place() >= 0) {
                return r.place();
            }
            TimeUnit.MILLISECONDS.sleep(r.waitMillis());
        }
    }

    /** In one transaction: locks the target's row and takes the next place if every condition holds. */
    private Reservation reserve(Connection c, String target, int size, double spanSeconds, double spacingSeconds)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".write_pace (target) VALUES (?)"
                + " ON CONFLICT (target) DO NOTHING")) {
            s.setString(1, target);
            s.executeUpdate();
        }
        long place;
        double waitSeconds;
        boolean inFlight;
        try (PreparedStatement s = c.prepareStatement("SELECT p.next_place,"
                + " extract(epoch FROM greatest(p.next_free_at, p.paused_until,"
                + "   coalesce(w.answered_at, w.sent_at + make_interval(secs => ?)) + make_interval(secs => ?))"
                + "   - clock_timestamp()),"
                // a write unanswered for giveUp is over (its worker died): no longer in flight
                + " w.place IS NOT NULL AND w.answered_at IS NULL"
                + "   AND w.sent_at + make_interval(secs => ?) > clock_timestamp()"
                + " FROM " + schema + ".write_pace p LEFT JOIN " + schema + ".write_window w"
                + "   ON w.target = p.target AND w.slot = p.next_place % ?"
                + " WHERE p.target = ? FOR UPDATE OF p")) {
            s.setDouble(1, giveUp.toNanos() / 1e9);
            s.setDouble(2, spanSeconds);
            s.setDouble(3, giveUp.toNanos() / 1e9);
            s.setInt(4, size);
            s.setString(5, target);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                place = rs.getLong(1);
                waitSeconds = rs.getDouble(2);
                inFlight = rs.getBoolean(3);
            }
        }
        if (inFlight || waitSeconds > 0) {
            long millis = (long) Math.ceil(Math.max(0, waitSeconds) * 1000);
            return new Reservation(-1, inFlight ? Math.min(Math.max(millis, 1), POLL_MILLIS) : Math.max(millis, 1));
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".write_window"
                + " (target, slot, place, sent_at) VALUES (?, ?, ?, clock_timestamp())"
                + " ON CONFLICT (target, slot) DO UPDATE"
                + " SET place = excluded.place, sent_at = excluded.sent_at, answered_at = NULL")) {
            s.setString(1, target);
            s.setInt(2, (int) (place % size));
            s.setLong(3, place);
            s.executeUpdate();
        }
        // the next write's time follows this one's slot, not the moment it was taken: a waiter wakes and commits a
        // few ms late each time, and "now + spacing" would add that to every gap (93 % of the rate in the bench);
        // after a longer idle time the grid restarts, never closer than half a spacing to this write
        try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".write_pace SET next_place = ?,"
                + " next_free_at = greatest(next_free_at + make_interval(secs => ?),"
                + "   clock_timestamp() + make_interval(secs => ?)) WHERE target = ?")) {
            s.setLong(1, place + 1);
            s.setDouble(2, spacingSeconds);
            s.setDouble(3, spacingSeconds / 2);
            s.setString(4, target);
            s.executeUpdate();
        }
        return new Reservation(place, 0);
    }

    private void awaitNoPause(String target) throws InterruptedException {
        while (true) {
            double waitSeconds = inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT extract(epoch FROM paused_until"
                        + " - clock_timestamp()) FROM " + schema + ".write_pace WHERE target = ?")) {
                    s.setString(1, target);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? rs.getDouble(1) : 0.0;
                    }
                }
            });
            if (waitSeconds <= 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep((long) Math.ceil(waitSeconds * 1000));
        }
    }

    /** Runs {@code work} in one transaction on this instance's connection, one caller at a time. */
    private <T> T inTransaction(SqlWork<T> work) {
        lock.lock();
        try {
            Connection c = connection();
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                closeQuietly(); // a broken connection is replaced on the next call; the transaction is rolled back
                throw unavailable(e);
            }
        } finally {
            lock.unlock();
        }
    }

    private Connection connection() {
        if (connection == null) {
            try {
                Connection c = settings.openConnection("idle write pace");
                c.setAutoCommit(false);
                connection = c;
            } catch (SQLException e) {
                throw unavailable(e);
            }
        }
        return connection;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection; nothing to keep
            }
            connection = null;
        }
    }

    private ProviderException unavailable(SQLException e) {
        return new ProviderException("The shared write pace in PostgreSQL (" + settings.url() + ") is unavailable:"
                + " SQL state " + e.getSQLState() + ".", true, null, e);
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** A place taken ({@code place >= 0}), or how long to wait before asking again. */
    private record Reservation(long place, long waitMillis) {
    }
}
