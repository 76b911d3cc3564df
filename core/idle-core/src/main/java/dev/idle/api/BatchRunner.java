package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventSink;
import dev.idle.spi.CredentialMasking;
import dev.idle.spi.RequestBoundary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Runs one workflow over many requests in one JVM: {@code concurrency} worker threads share the host's providers
 * (their credentials, tokens and connections), and each request's {@link BatchRecord} goes to a callback as soon as
 * the request finishes.
 *
 * <pre>{@code
 * try (Host host = Host.load(Path.of("host.yaml"));
 *      RequestSource requests = RequestSource.open(Path.of("leavers.csv"), null)) {
 *     BatchRunner batch = Idle.create().batch()
 *             .workflow(Path.of("leaver.psd1"))
 *             .providers(host.providers())
 *             .executionOptions(host.executionOptions())
 *             .concurrency(8)
 *             .build();                       // loads and validates the workflow, once
 *     BatchSummary summary = batch.run(requests, record -> System.out.println(record.toJsonLine()));
 * }
 * }</pre>
 *
 * <p>The workflow is loaded and validated once, by {@link Builder#build()}, which throws {@link IdleInputException}
 * before any provider is called when it is not valid. Each request is then planned and, unless {@link Builder#dryRun
 * dry run}, invoked: a line that is not a valid request, or a request for which no plan can be built, gets an
 * {@link BatchRecord.Status#Invalid Invalid} record and the batch goes on. A dry run plans every request (context
 * resolvers may read from providers) and calls no step: its records are {@code Planned} or {@code Invalid}.
 *
 * <p>Memory stays bounded whatever the number of requests: the caller's thread reads the {@link RequestSource} into a
 * queue of {@code 2 × concurrency} requests that the workers take from, and records are handed over, not kept.
 *
 * <p>The callback is called by one thread at a time (it need not be thread-safe), in the order requests finish,
 * which is not the input order when {@code concurrency > 1}. If it throws, no further request is started; those in
 * flight finish (their records are counted but not handed over) and {@link #run} returns with
 * {@link BatchSummary#stoppedBy()} set. An unexpected exception of one request's run becomes a {@code Failed} record
 * with its (masked) message in {@code error}; an {@link Error} stops the batch and is rethrown by {@link #run}.
 *
 * <p>Immutable and thread-safe; {@link #run} may be called again with another source.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BatchRunner {
    private final Idle idle;
    /** Checked once and shared by every worker: each request is planned from it without re-checking the workflow. */
    private final PreparedWorkflow workflow;
    private final String source;
    private final Providers providers;
    private final ExecutionOptions options;
    private final int concurrency;
    private final boolean dryRun;
    private final LongFunction<EventSink> eventSinks;
    /** The most requests of one run that may change something ({@link Builder#maxAffected}); -1 for no limit. */
    private final long maxAffected;
    /** The providers to make durable after each request, each once even when several aliases name it. */
    private final List<RequestBoundary> boundaries;

    private BatchRunner(Builder b, PreparedWorkflow workflow) {
        this.idle = b.idle;
        this.workflow = workflow;
        this.source = b.source;
        this.providers = b.providers;
        this.options = b.options;
        this.concurrency = b.concurrency;
        this.dryRun = b.dryRun;
        this.eventSinks = b.eventSinks;
        this.maxAffected = b.maxAffected;
        Set<RequestBoundary> found = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String alias : providers.aliases()) {
            if (providers.get(alias) instanceof RequestBoundary boundary) {
                found.add(boundary);
            }
        }
        this.boundaries = List.copyOf(found);
    }

    private BatchRunner(BatchRunner other, long maxAffected) {
        this.idle = other.idle;
        this.workflow = other.workflow;
        this.source = other.source;
        this.providers = other.providers;
        this.options = other.options;
        this.concurrency = other.concurrency;
        this.dryRun = other.dryRun;
        this.eventSinks = other.eventSinks;
        this.maxAffected = maxAffected;
        this.boundaries = other.boundaries;
    }

    /** A builder for a runner on {@link Idle#create()}; {@link Idle#batch()} starts from a given engine. */
    public static Builder builder() {
        return new Builder(null);
    }

    public int concurrency() {
        return concurrency;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The running cap of {@link Builder#maxAffected}, or -1 when there is none. */
    public long maxAffected() {
        return maxAffected;
    }

    /**
     * A runner like this one with another running cap ({@link Builder#maxAffected}; -1 for none), sharing the checked
     * workflow: what a caller uses once a {@link #countAffected planning pass} decided the cap.
     */
    public BatchRunner withMaxAffected(long n) {
        return new BatchRunner(this, checkedCap(n));
    }

    /**
     * Plans every request of {@code requests} and runs none, counting those whose plan {@link BlastRadius#affects
     * changes something}: the pass that decides, before any write, whether a batch stays within its limit. Context
     * resolvers may read from providers, as in a dry run; {@code concurrency} workers plan at once, and no plan or
     * record is kept. Does not close {@code requests}.
     *
     * @throws java.io.UncheckedIOException when the requests cannot be read to the end
     * @throws Error what a worker met, after the other workers stopped
     */
    public AffectedCount countAffected(RequestSource requests) {
        return countAffected(requests, index -> true);
    }

    /**
     * As {@link #countAffected(RequestSource)} over the requests {@code selected} accepts (as
     * {@link #run(RequestSource, LongPredicate, Consumer)} would run them); {@link AffectedCount#requests()} still
     * counts every request of the source.
     */
    public AffectedCount countAffected(RequestSource requests, LongPredicate selected) {
        Objects.requireNonNull(selected, "selected");
        long[] seen = new long[1]; // the reading thread only
        long[] counts = new long[3]; // planned, invalid, affected: the callback, one thread at a time
        BatchSummary s = new BatchWorkers(this, requests, index -> {
            seen[0] = index + 1;
            return selected.test(index);
        }, record -> {
            if (record.plan() == null) {
                counts[1]++;
            } else {
                counts[0]++;
                counts[2] += BlastRadius.affects(record.plan()) ? 1 : 0;
            }
        }, true, null).run();
        if (s.stoppedBy() instanceof RuntimeException e) {
            throw e;
        }
        // the workers have ended (run waits for them), so their counts are visible here
        return new AffectedCount(seen[0], counts[0], counts[1], counts[2]);
    }

    /**
     * Runs every request of {@code requests} and returns the totals; returns when every request taken up has its
     * record (or the batch was stopped). Does not close {@code requests}.
     *
     * @param onRecord receives each request's record as it finishes
     * @throws Error what a worker met (e.g. {@link OutOfMemoryError}), after the other workers stopped
     */
    public BatchSummary run(RequestSource requests, Consumer<BatchRecord> onRecord) {
        return run(requests, index -> true, onRecord);
    }

    /**
     * Runs only the requests whose index {@code selected} accepts (a resume skips those already done; a re-run takes
     * those that failed): every line is still read, so each request keeps the index it has in the whole source, but
     * one not selected is neither planned nor recorded nor counted.
     *
     * @param selected tested by the reading thread, once per request, in input order
     * @param onRecord receives each selected request's record as it finishes
     * @throws Error what a worker met (e.g. {@link OutOfMemoryError}), after the other workers stopped
     */
    public BatchSummary run(RequestSource requests, LongPredicate selected, Consumer<BatchRecord> onRecord) {
        return new BatchWorkers(this, requests, Objects.requireNonNull(selected, "selected"),
                Objects.requireNonNull(onRecord, "onRecord"), dryRun,
                dryRun || maxAffected < 0 ? null : new AffectedCap(maxAffected)).run();
    }

    /**
     * Makes what the finished requests changed durable before their records are handed over: each provider that is a
     * {@link RequestBoundary} (the mock's state file) is called once, even when several aliases name it.
     *
     * @throws RuntimeException when a provider could not make its state durable; the request must not count as done
     */
    void afterRequest() {
        for (RequestBoundary boundary : boundaries) {
            boundary.afterRequest();
        }
    }

    /**
     * The record of one request, made by a worker thread.
     *
     * @param planOnly plan and run nothing (a dry run, a planning pass)
     * @param cap      this run's running cap, or null
     */
    BatchRecord process(long index, RequestSource.Item item, boolean planOnly, AffectedCap cap) {
        Instant started = Instant.now();
        if (item.error() != null) {
            return invalid(index, item.line(), started, item.correlationId(), item.error());
        }
        if (cap != null && cap.reached()) {
            return notRun(index, item.line(), started, item.correlationId(), cap);
        }
        Plan plan;
        try {
            plan = workflow.plan(item.request(), providers);
        } catch (IdleInputException e) {
            return invalid(index, item.line(), started, item.request().correlationId(), e.getMessage());
        }
        if (planOnly) {
            return new BatchRecord(index, item.line(), started, Instant.now(), BatchRecord.Status.Planned,
                    plan.correlationId(), null, null, plan);
        }
        if (cap != null && !cap.admit(plan)) {
            return notRun(index, item.line(), started, plan.correlationId(), cap);
        }
        try {
            ExecutionResult r = idle.invoke(plan, providers, eventSinks == null ? null : eventSinks.apply(index),
                    options);
            return new BatchRecord(index, item.line(), started, Instant.now(),
                    BatchRecord.Status.of(r.status()), r.correlationId(), null, r, null);
        } catch (RuntimeException e) {
            // the engine reports a step's failure in the result; this is a fault outside any step (an event sink
            // that threw): the request is Failed and the batch goes on
            return new BatchRecord(index, item.line(), started, Instant.now(), BatchRecord.Status.Failed,
                    plan.correlationId(), CredentialMasking.mask(String.valueOf(e.getMessage())), null, null);
        }
    }

    private static BatchRecord notRun(long index, long line, Instant started, String correlationId, AffectedCap cap) {
        return new BatchRecord(index, line, started, Instant.now(), BatchRecord.Status.NotRun, correlationId,
                cap.why(), null, null);
    }

    private static long checkedCap(long n) {
        if (n < -1) {
            throw new IllegalArgumentException("maxAffected must be at least 0 (or -1 for no limit), got " + n);
        }
        return n;
    }

    private static BatchRecord invalid(long index, long line, Instant started, String correlationId,
                                       String error) {
        return new BatchRecord(index, line, started, Instant.now(), BatchRecord.Status.Invalid,
                correlationId, CredentialMasking.mask(error), null, null);
    }

    /** Builds a {@link BatchRunner}. Not thread-safe. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private Idle idle;
        private Path workflowFile;
        private DataMap workflowData;
        private String source;
        private Providers providers = Providers.none();
        private ExecutionOptions options = ExecutionOptions.defaults();
        private int concurrency = 1;
        private boolean dryRun;
        private LongFunction<EventSink> eventSinks;
        private long maxAffected = -1;

        Builder(Idle idle) {
            this.idle = idle;
        }

        /** The workflow file, loaded once by {@link #build()}. */
        public Builder workflow(Path file) {
            this.workflowFile = Objects.requireNonNull(file, "file");
            this.workflowData = null;
            this.source = file.toString();
            return this;
        }

        /** An already loaded workflow; {@code source} names it in messages. */
        public Builder workflow(DataMap workflow, String source) {
            this.workflowData = Objects.requireNonNull(workflow, "workflow");
            this.workflowFile = null;
            this.source = source;
            return this;
        }

        /** The providers every request uses (shared by all workers; default: none). */
        public Builder providers(Providers providers) {
            this.providers = Objects.requireNonNull(providers, "providers");
            return this;
        }

        /** Retry profiles for every run (default {@link ExecutionOptions#defaults()}). */
        public Builder executionOptions(ExecutionOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** How many requests run at once (default 1). */
        public Builder concurrency(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + n);
            }
            this.concurrency = n;
            return this;
        }

        /** Plan every request and run none (default false). */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * A running cap (default -1: none): once {@code n} requests whose plan {@link BlastRadius#affects changes
         * something} have started, no further request starts, affected or not; each of the rest gets a
         * {@link BatchRecord.Status#NotRun NotRun} record whose {@code error} says why. Requests that change nothing
         * run until then. A dry run ignores it. For a limit known before anything runs, count first with
         * {@link BatchRunner#countAffected}.
         *
         * @throws IllegalArgumentException for {@code n < -1}
         */
        public Builder maxAffected(long n) {
            this.maxAffected = checkedCap(n);
            return this;
        }

        /**
         * Where each run's events go: called with the request's index before it runs; it may return null. Sinks are
         * called by the worker running that request.
         */
        public Builder eventSinks(LongFunction<EventSink> perRequest) {
            this.eventSinks = perRequest;
            return this;
        }

        /**
         * Loads the workflow (if a file was given) and validates it against the providers.
         *
         * @throws IdleInputException when the workflow cannot be read or is not valid, or requires approval
         *                            ({@code ApprovalRequired}) and this is not a dry run; no provider was called
         * @throws IllegalStateException when no workflow was given
         */
        public BatchRunner build() {
            if (workflowFile == null && workflowData == null) {
                throw new IllegalStateException("a batch needs a workflow");
            }
            if (idle == null) {
                idle = Idle.create();
            }
            DataMap wf = workflowData != null ? workflowData : idle.loadWorkflow(workflowFile);
            ValidationReport report = idle.validate(wf, providers);
            if (!report.valid()) {
                throw new IdleInputException(source + ": Workflow validation failed:", report.errors());
            }
            if (!dryRun && Boolean.TRUE.equals(wf.get("ApprovalRequired"))) {
                // each request's plan would need its own approval, which a batch has no way to wait for
                throw new IdleInputException(source + ": the workflow requires approval (ApprovalRequired = $true),"
                        + " which a batch cannot wait for: run each request with 'idle invoke --approved-plan-hash',"
                        + " or submit them to the distributed runner; a dry run (--dry-run) is allowed");
            }
            // shared by every worker, read-only: no run can change what the next one plans from
            return new BatchRunner(this, idle.prepare(wf, source));
        }
    }
}
