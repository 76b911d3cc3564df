package dev.idle.runner.dbos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rate a run sustained, as {@code docs/performance.md} defines it for every bench: events per second between the
 * 10th and the 90th percentile of their instants, so that neither the start (tokens, connections, JIT, DBOS's first
 * queries) nor the tail of the last few in-flight requests counts. Stateless.
 */
final class SustainedRate {
    private SustainedRate() {
    }

    /** Events per second over the middle 80 % of {@code instants}; NaN for fewer than 3 or no time between them. */
    static double perSecond(Collection<Instant> instants) {
        List<Instant> sorted = new ArrayList<>(instants);
        sorted.sort(null);
        int n = sorted.size();
        if (n < 3) {
            return Double.NaN;
        }
        int first = (int) Math.floor(0.1 * (n - 1));
        int last = (int) Math.ceil(0.9 * (n - 1));
        long nanos = Duration.between(sorted.get(first), sorted.get(last)).toNanos();
        return nanos <= 0 ? Double.NaN : (last - first) * 1e9 / nanos;
    }
}
