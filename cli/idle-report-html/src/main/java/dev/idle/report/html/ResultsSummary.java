package dev.idle.report.html;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a results report shows, gathered record by record in bounded memory: the count per status, the time span,
 * the changed steps, the finish times per interval ({@link RateBuckets}) over all records, and the rows of at most
 * {@code rowsPerStatus} records of each status (the first ones, in file order), so that a file of 100,000 records
 * shows every failure of a run that had few, however many succeeded. What was left out is counted
 * ({@link #rowsLeftOut()}) and said on the page.
 *
 * <p>Not thread-safe: feed it from one thread ({@link #add}), then render it.
 */
public final class ResultsSummary {
    /** Rows kept per status unless told otherwise. */
    public static final int DEFAULT_ROWS_PER_STATUS = 2_000;
    /** The statuses of requests that went as intended; the others count as problems in the rate chart. */
    static final Set<String> GOOD = Set.of("Completed", "Planned");

    private final int rowsPerStatus;
    private final Map<String, Long> totals = new LinkedHashMap<>();
    private final Map<String, List<ResultRow>> rows = new LinkedHashMap<>();
    private final RateBuckets rate = new RateBuckets();
    private long records;
    private long changedSteps;
    private Instant firstStarted;
    private Instant lastFinished;
    private Duration longest = Duration.ZERO;

    /** @param rowsPerStatus the most rows kept of each status, from 0 */
    public ResultsSummary(int rowsPerStatus) {
        if (rowsPerStatus < 0) {
            throw new IllegalArgumentException("rowsPerStatus must be from 0: " + rowsPerStatus);
        }
        this.rowsPerStatus = rowsPerStatus;
        ResultsFile.STATUSES.forEach(s -> totals.put(s, 0L));
    }

    /** Counts {@code row} and keeps it when fewer than {@code rowsPerStatus} rows of its status are kept. */
    public void add(ResultRow row) {
        records++;
        totals.merge(row.status(), 1L, Long::sum);
        changedSteps += row.changedSteps();
        rate.add(row.finishedAt(), GOOD.contains(row.status()));
        if (firstStarted == null || row.startedAt().isBefore(firstStarted)) {
            firstStarted = row.startedAt();
        }
        if (lastFinished == null || row.finishedAt().isAfter(lastFinished)) {
            lastFinished = row.finishedAt();
        }
        if (row.duration().compareTo(longest) > 0) {
            longest = row.duration();
        }
        List<ResultRow> kept = rows.computeIfAbsent(row.status(), s -> new ArrayList<>());
        if (kept.size() < rowsPerStatus) {
            kept.add(row);
        }
    }

    /** How many records were added. */
    public long records() {
        return records;
    }

    /** The count per status, in the order of {@link ResultsFile#STATUSES}, statuses with no record included. */
    public Map<String, Long> totals() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(totals));
    }

    /** The statuses that have records, in the order of {@link ResultsFile#STATUSES}, with their counts. */
    List<Map.Entry<String, Long>> presentTotals() {
        return totals.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** The kept rows, in file order. */
    public List<ResultRow> rows() {
        return rows.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparingLong(ResultRow::fileLine)).toList();
    }

    /** How many records have no row because their status had {@code rowsPerStatus} rows already. */
    public long rowsLeftOut() {
        return records - rows.values().stream().mapToLong(List::size).sum();
    }

    /** The most rows kept of each status. */
    public int rowsPerStatus() {
        return rowsPerStatus;
    }

    /** The steps of all records that reported a change. */
    public long changedSteps() {
        return changedSteps;
    }

    /** The earliest start of a request, or null without records. */
    public Instant firstStarted() {
        return firstStarted;
    }

    /** The latest finish of a request, or null without records. */
    public Instant lastFinished() {
        return lastFinished;
    }

    /** The longest any request took. */
    public Duration longest() {
        return longest;
    }

    RateBuckets rate() {
        return rate;
    }
}
