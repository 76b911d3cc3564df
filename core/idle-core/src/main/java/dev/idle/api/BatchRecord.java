package dev.idle.api;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What became of one request of a batch: the record {@link BatchRunner} hands to its callback as the request
 * finishes, and that {@code idle batch --results} writes as one JSON line ({@link #toJsonLine()}): the {@code invoke}
 * result object plus {@code index}, {@code line}, {@code startedAt} and {@code finishedAt}.
 *
 * @param index         0-based position of the request among the requests of the batch
 * @param line          the 1-based input line the request starts on
 * @param startedAt     when the request was taken up (UTC)
 * @param finishedAt    when its record was made (UTC)
 * @param status        the run's status, {@link Status#Invalid} or, in a dry run, {@link Status#Planned}
 * @param correlationId the request's correlation id; for an invalid one what could be read of it, or null
 * @param error         for {@link Status#Invalid}, or {@link Status#NotRun} by a running cap
 *                      ({@link BatchRunner.Builder#maxAffected}): why (credentials masked); for
 *                      {@link Status#Rejected}: who rejected the plan, when and why; null otherwise
 * @param result        the run's result; null unless the request ran
 * @param plan          the plan of a dry run; null otherwise
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BatchRecord(long index, long line, Instant startedAt, Instant finishedAt, Status status,
                          String correlationId, String error, ExecutionResult result, Plan plan) {

    /** The status of one request of a batch: a {@link RunStatus} of a run, or what kept it from running. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public enum Status {
        Completed, Failed, Blocked, NotRun,
        /** The line is not a valid request, or no plan could be built for it; it did not run. */
        Invalid,
        /** Dry run: the plan was built; nothing ran. */
        Planned,
        /**
         * The plan needed an approval and was rejected (distributed runs, {@code idle reject}); nothing ran. The
         * record's {@code error} says who rejected it, when and why.
         */
        Rejected;

        static Status of(RunStatus run) {
            return switch (run) {
                case Completed -> Completed;
                case Blocked -> Blocked;
                case NotRun -> NotRun;
                case Failed, PartiallyFailed -> Failed;
            };
        }
    }

    public BatchRecord {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(status, "status");
    }

    /** The record as one line of JSON, as {@code idle batch} writes it. */
    public String toJsonLine() {
        return JsonOutput.recordLine(this);
    }
}
