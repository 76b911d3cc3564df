package dev.idle.runner.dbos;

import java.time.Duration;

/**
 * The names under which the runner's work meets its workers in DBOS: every worker registers both queues and takes
 * work from them, so N workers share the work; a client only enqueues.
 */
final class Queues {
    /** Request runs: each worker runs at most its configured concurrency of them at once. */
    static final String REQUESTS = "idle-requests";
    /**
     * Submission runs: light (they wait, count and start request runs), so not limited per worker; kept apart from
     * {@link #REQUESTS} so a quarantined or long submission never holds a request run's place.
     */
    static final String SUBMISSIONS = "idle-submissions";
    /** The class names the workflow implementations register under: queued work stays valid across renames. */
    static final String REQUEST_CLASS = "IdLE.Request";
    static final String SUBMISSION_CLASS = "IdLE.Submission";

    /**
     * How often a worker looks for queued request runs when it has room. DBOS's default (1 s, backing off to 2 s when
     * idle) caps a worker at about its concurrency per second: a request waits up to a poll for a free place, and
     * the bench measured 28 requests/s per worker at 32 at once. 50 ms costs one small query per worker 20 times a
     * second and no longer bounds the rate.
     */
    static final Duration REQUEST_POLL = Duration.ofMillis(50);

    private Queues() {
    }
}
