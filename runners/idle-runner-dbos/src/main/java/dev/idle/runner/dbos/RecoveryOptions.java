package dev.idle.runner.dbos;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * How a worker takes part in recovery: it renews a lease every third of {@code leaseLength}; a worker whose lease has
 * not been renewed for {@code leaseLength} is taken for dead, and the recovery watchdog (active in one worker at a
 * time, checking every {@code watchdogInterval}) hands its unfinished runs to a live worker through that worker's DBOS
 * admin server. So a dead worker's runs are taken over at most {@code leaseLength + watchdogInterval} after its last
 * renewal (defaults 15 s + 5 s = 20 s), plus the moment the hand-over itself takes.
 *
 * <p>The admin server listens on {@code adminPort} on every interface ({@code 0}: a free port chosen at start) and is
 * reached by other workers at {@code http://<advertisedHost>:<port>}; it has no authentication of its own, so only
 * the workers' network may reach it. A lease shorter than a worker's longest pause (a long garbage collection, a
 * network partition from the database) lets another worker take over runs that are still running: their steps in
 * flight may then run twice, as after a crash.
 *
 * @param leaseLength      how long a lease lasts without renewal; positive
 * @param watchdogInterval how often the active watchdog looks for dead workers; positive
 * @param adminPort        the DBOS admin server's port, {@code 0} for a free one
 * @param advertisedHost   the host name or address other workers reach this one's admin server at
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RecoveryOptions(Duration leaseLength, Duration watchdogInterval, int adminPort, String advertisedHost) {
    /** The default lease length. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
    /** The default watchdog interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    public RecoveryOptions {
        requirePositive(leaseLength, "leaseLength");
        requirePositive(watchdogInterval, "watchdogInterval");
        if (adminPort < 0 || adminPort > 65535) {
            throw new IllegalArgumentException("adminPort must be 0..65535, got " + adminPort);
        }
        Objects.requireNonNull(advertisedHost, "advertisedHost");
    }

    /** 15 s leases, a 5 s watchdog, a free admin port, advertised under this machine's host name. */
    public static RecoveryOptions defaults() {
        return new RecoveryOptions(DEFAULT_LEASE, DEFAULT_INTERVAL, 0, localHostName());
    }

    public RecoveryOptions withLeaseLength(Duration value) {
        return new RecoveryOptions(value, watchdogInterval, adminPort, advertisedHost);
    }

    public RecoveryOptions withWatchdogInterval(Duration value) {
        return new RecoveryOptions(leaseLength, value, adminPort, advertisedHost);
    }

    public RecoveryOptions withAdminPort(int value) {
        return new RecoveryOptions(leaseLength, watchdogInterval, value, advertisedHost);
    }

    public RecoveryOptions withAdvertisedHost(String value) {
        return new RecoveryOptions(leaseLength, watchdogInterval, adminPort, value);
    }

    /** The longest time from a worker's last lease renewal to the hand-over of its runs. */
    public Duration takeOverTime() {
        return leaseLength.plus(watchdogInterval);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
