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
        Set<RequestBoundary> found = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String alias : providers.aliases()) {
            if (providers.get(alias) instanceof RequestBoundary boundary) {
                found.add(boundary);
            }
        }
        this.boundaries = List.copyOf(found);
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
                Objects.requireNonNull(onRecord, "onRecord")).run();
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

    /** The record of one request, made by a worker thread. */
    BatchRecord process(long index, RequestSource.Item item) {
        Instant started = Instant.now();
        if (item.error() != null) {
            return invalid(index, item.line(), started, item.correlationId(), item.error());
        }
        Plan plan;
        try {
            plan = workflow.plan(item.request(), providers);
        } catch (IdleInputException e) {
            return invalid(index, item.line(), started, item.request().correlationId(), e.getMessage());
        }
        if (dryRun) {
            return new BatchRecord(index, item.line(), started, Instant.now(), BatchRecord.Status.Planned,
                    plan.correlationId(), null, null, plan);
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
         * @throws IdleInputException when the workflow cannot be read or is not valid; no provider was called
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
            // shared by every worker, read-only: no run can change what the next one plans from
            return new BatchRunner(this, idle.prepare(wf, source));
        }
    }
}
