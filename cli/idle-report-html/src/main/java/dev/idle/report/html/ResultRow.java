package dev.idle.report.html;

import java.time.Duration;
import java.time.Instant;

/**
 * What the results report shows of one results record (one line of {@code idle batch --results} or
 * {@code idle results}): the request's place, status, times, step counts and error, and nothing else, so that a
 * report keeps little per row whatever the record held (its events, its plan).
 *
 * @param fileLine      the 1-based line of the results file the record is on
 * @param index         the request's 0-based index among the requests of its batch or submission
 * @param requestLine   the 1-based line of the requests file the request started on (0 when it had none)
 * @param correlationId the request's correlation id, or null; shortened to {@link ResultsFile#MAX_TEXT} chars
 * @param status        the record's status, one of {@link ResultsFile#STATUSES}
 * @param startedAt     when the request was taken up
 * @param finishedAt    when its record was made
 * @param changedSteps  how many of its steps reported a change
 * @param steps         how many steps it ran or planned
 * @param error         the record's error, else the first step error as {@code "step name: error"}, or null;
 *                      shortened to {@link ResultsFile#MAX_TEXT} chars
 */
public record ResultRow(long fileLine, long index, long requestLine, String correlationId, String status,
                        Instant startedAt, Instant finishedAt, int changedSteps, int steps, String error) {

    /** How long the request took, from taken up to recorded; zero when the clock went backwards. */
    public Duration duration() {
        Duration d = Duration.between(startedAt, finishedAt);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
