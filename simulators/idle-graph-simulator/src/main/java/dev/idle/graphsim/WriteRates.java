package dev.idle.graphsim;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rate figures over the accepted writes of the journal, for rate-limit tests and benchmarks: writes per whole second
 * and the busiest sliding window. Pure functions of the records they are given.
 */
final class WriteRates {
    private WriteRates() {
    }

    /** Writes per whole second of arrival (UTC second → count), seconds without writes left out, in time order. */
    static SortedMap<Instant, Integer> perSecond(List<RequestRecord> writes) {
        TreeMap<Instant, Integer> histogram = new TreeMap<>();
        for (RequestRecord w : writes) {
            histogram.merge(w.time().truncatedTo(ChronoUnit.SECONDS), 1, Integer::sum);
        }
        return Collections.unmodifiableSortedMap(histogram);
    }

    /**
     * The most writes that arrived within any sliding {@code window} (half-open, like the throttle's: a write exactly
     * one window older than another is not in its window).
     */
    static int maxInAnyWindow(List<RequestRecord> writes, Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        List<Instant> times = writes.stream().map(RequestRecord::time).sorted().toList();
        int max = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            Instant windowStart = times.get(last).minus(window);
            while (!times.get(first).isAfter(windowStart)) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }
}
