package dev.idle.report.html;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many requests finished in each interval of time, split into those that went well and those that did not, in
 * bounded memory: counts are kept per interval of one width from a ladder (1 s, 5 s, 10 s, 30 s, 1 min, 5 min, ...,
 * 1 day, 7 days, then doubling) in which each width divides the next, and when more than {@link #MAX_KEPT} intervals
 * hold counts the width moves up the ladder, adding counts together exactly (so even timestamps centuries apart cost
 * at most that many intervals). {@link #chart(int)} then picks the narrowest width that
 * fits the chart. Records may come in any order of time (a distributed run's are not sorted).
 *
 * <p>Not thread-safe.
 */
final class RateBuckets {
    /** The widths, in seconds; each divides the next, so moving up the ladder never splits an interval. */
    static final long[] LADDER = {1, 5, 10, 30, 60, 300, 600, 1_800, 3_600, 21_600, 86_400, 604_800};
    /** Most intervals kept before the width moves up. */
    static final int MAX_KEPT = 4_096;

    /** One interval of the chart: its start, its width in seconds, and the requests finished in it. */
    record Bucket(Instant start, long widthSeconds, long good, long bad) {
        long total() {
            return good + bad;
        }
    }

    private int rung;
    /** interval start (epoch seconds, a multiple of the width) -> {good, bad} */
    private final TreeMap<Long, long[]> counts = new TreeMap<>();

    /** Counts one request that finished at {@code finishedAt}; {@code good} when it went as intended. */
    void add(Instant finishedAt, boolean good) {
        long[] c = counts.computeIfAbsent(floor(finishedAt.getEpochSecond(), width(rung)), k -> new long[2]);
        c[good ? 0 : 1]++;
        while (counts.size() > MAX_KEPT) {
            widen(width(++rung));
        }
    }

    /** The width counts are kept at now, in seconds. */
    long keptWidthSeconds() {
        return width(rung);
    }

    /** The width of a rung: the ladder's, then doubling the last (an Instant spans less than 2^57 s). */
    private static long width(int rung) {
        int last = LADDER.length - 1;
        return rung <= last ? LADDER[rung] : LADDER[last] << Math.min(rung - last, 40);
    }

    /**
     * The intervals of a chart with at most {@code maxBars} bars, from the first interval with a request to the last,
     * empty ones included: the narrowest width of the ladder (not below the kept one) that fits. Empty when nothing
     * was counted.
     */
    List<Bucket> chart(int maxBars) {
        if (counts.isEmpty()) {
            return List.of();
        }
        int r = rung;
        while (span(width(r)) > maxBars) {
            r++;
        }
        long width = width(r);
        TreeMap<Long, long[]> merged = merge(counts, width);
        List<Bucket> out = new ArrayList<>();
        for (long start = merged.firstKey(); start <= merged.lastKey(); start += width) {
            long[] c = merged.getOrDefault(start, new long[2]);
            out.add(new Bucket(Instant.ofEpochSecond(start), width, c[0], c[1]));
        }
        return out;
    }

    private long span(long width) {
        return (floor(counts.lastKey(), width) - floor(counts.firstKey(), width)) / width + 1;
    }

    private void widen(long width) {
        TreeMap<Long, long[]> merged = merge(counts, width);
        counts.clear();
        counts.putAll(merged);
    }

    private static TreeMap<Long, long[]> merge(TreeMap<Long, long[]> from, long width) {
        TreeMap<Long, long[]> out = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : from.entrySet()) {
            long[] c = out.computeIfAbsent(floor(e.getKey(), width), k -> new long[2]);
            c[0] += e.getValue()[0];
            c[1] += e.getValue()[1];
        }
        return out;
    }

    private static long floor(long epochSecond, long width) {
        return Math.floorDiv(epochSecond, width) * width;
    }
}
