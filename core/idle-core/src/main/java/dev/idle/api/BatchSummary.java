package dev.idle.api;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The totals of a {@link BatchRunner#run batch}: how many requests ended in each {@link BatchRecord.Status}, the
 * wall time, and what stopped the batch early, if anything.
 *
 * @param counts    requests per status (every status present, zero when none)
 * @param wallTime  from the start of {@link BatchRunner#run} to its return
 * @param stoppedBy what ended the batch before the end of its requests (the record callback threw, or the requests
 *                  could not be read any further); null when every request was taken up
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BatchSummary(Map<BatchRecord.Status, Long> counts, Duration wallTime, Throwable stoppedBy) {
    public BatchSummary {
        EnumMap<BatchRecord.Status, Long> all = new EnumMap<>(BatchRecord.Status.class);
        for (BatchRecord.Status s : BatchRecord.Status.values()) {
            all.put(s, counts.getOrDefault(s, 0L));
        }
        counts = Map.copyOf(all);
    }

    /** Requests that ended in {@code status}. */
    public long count(BatchRecord.Status status) {
        return counts.get(status);
    }

    /** Every request that got a record. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records per second of wall time (0 when no time passed). */
    public double ratePerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds <= 0 ? 0 : total() / seconds;
    }
}
