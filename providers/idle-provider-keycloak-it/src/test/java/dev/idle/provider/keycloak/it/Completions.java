package dev.idle.provider.keycloak.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The finishing instants of one measured run (one per identity) and the rate it sustained: completions per second
 * between the 10th and the 90th percentile of the finishing instants, so neither the start-up (first token,
 * connections, JIT) nor the tail of the last few in-flight calls counts. Immutable.
 */
record Completions(List<Instant> finished) {
    Completions {
        finished = new ArrayList<>(finished);
        finished.sort(null);
        finished = List.copyOf(finished);
    }

    static Completions of(Collection<Instant> finished) {
        return new Completions(List.copyOf(finished));
    }

    int count() {
        return finished.size();
    }

    /**
     * Completions per second between 10 % and 90 % of them; NaN when there are too few (fewer than 3) or they all
     * finished within the same instant.
     */
    double sustainedRate() {
        int n = finished.size();
        if (n < 3) {
            return Double.NaN;
        }
        int from = (int) Math.floor(0.1 * (n - 1));
        int to = (int) Math.ceil(0.9 * (n - 1));
        long nanos = Duration.between(finished.get(from), finished.get(to)).toNanos();
        return nanos <= 0 ? Double.NaN : (to - from) * 1e9 / nanos;
    }

    /** From the first to the last completion. */
    Duration span() {
        return finished.isEmpty() ? Duration.ZERO
                : Duration.between(finished.get(0), finished.get(finished.size() - 1));
    }
}
