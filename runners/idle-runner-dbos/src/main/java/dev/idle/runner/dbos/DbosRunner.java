package dev.idle.runner.dbos;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Queue;
import dev.idle.api.ExecutionOptions;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.runner.Approval;
import dev.idle.runner.DistributedRunner;
import dev.idle.runner.SubmissionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A worker of the {@link DistributedRunner} on DBOS Transact: it holds the host (providers with their secrets) and
 * takes work from the queues every worker of the database shares, so N workers share the work. A submission carries
 * its workflow definition, so a worker serves any workflow (prepared once per definition). Each request is one DBOS
 * workflow whose id is the request's correlation id: it checkpoints its start time and plan hash, runs each plan step
 * as one checkpointed DBOS step, and returns the results record of {@code idle batch}
 * ({@link dev.idle.api.BatchRecord#toJsonLine()}; {@code index} and {@code line} are the request's place in its
 * submission, 0 for a request submitted alone). On start it resumes what its executor id left unfinished (a crash).
 * Submitting and querying go through a {@link DbosClient} of the same database, which a process that is not a worker
 * uses alone.
 *
 * <pre>{@code
 * try (DbosRunner worker = DbosRunner.builder(DatabaseSettings.fromEnvironment(System.getenv()))
 *         .providers(host.providers()).concurrency(8).executorId("worker-1").start()) {
 *     worker.submit(SubmissionSpec.builder(tree, "leaver.psd1").id("leavers-1204").requests(leavers).build());
 *     String record = worker.awaitResult(leavers.get(0).correlationId(), Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>What is exactly-once: a step whose outcome was checkpointed is never run again; the step in flight when a worker
 * dies runs once more when the workflow is resumed (its provider calls are at-least-once). The request and the
 * workflow definition are stored as the workflow's input, so one carrying a secret value is refused; the step
 * outcomes, plan hash and result are stored redacted. The host's providers are not closed by {@link #close()}.
 *
 * <p>Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DbosRunner implements DistributedRunner {
    private final DBOS dbos;
    private final DbosClient client;
    private final WorkerRecovery recovery; // null: this worker takes no part in recovery

    private DbosRunner(DBOS dbos, DbosClient client, WorkerRecovery recovery) {
        this.dbos = dbos;
        this.client = client;
        this.recovery = recovery;
    }

    /**
     * The schema of the runner's own tables (write pace, leases, audit views) beside DBOS's {@code dbosSchema}:
     * {@code idle_runner} beside DBOS's default ({@code null} or {@code dbos}), {@code <dbosSchema>_runner} beside
     * another.
     */
    public static String runnerSchemaBeside(String dbosSchema) {
        return RunnerSchema.besides(dbosSchema == null ? "dbos" : dbosSchema);
    }

    /** A worker on the database of {@code settings}; set the host's providers, then {@link Builder#start()}. */
    public static Builder builder(DatabaseSettings settings) {
        return new Builder(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Submits {@code request} alone, with the workflow this runner was built with ({@link Builder#workflow}).
     *
     * @throws IllegalStateException when the runner was built without a workflow
     */
    @Override
    public Submission submit(LifecycleRequest request) {
        return client.submit(request);
    }

    @Override
    public Submission submit(SubmissionSpec submission) {
        return client.submit(submission);
    }

    @Override
    public Optional<SubmissionState> status(String id) {
        return client.status(id);
    }

    @Override
    public Optional<SubmissionStatus> details(String id) {
        return client.details(id);
    }

    @Override
    public List<SubmissionStatus> scheduled() {
        return client.scheduled();
    }

    @Override
    public Optional<String> result(String id) {
        return client.result(id);
    }

    @Override
    public void results(Instant since, String submissionId, Consumer<String> onRecord) {
        client.results(since, submissionId, onRecord);
    }

    @Override
    public void release(String submissionId, long confirmAffected, String releasedBy) {
        client.release(submissionId, confirmAffected, releasedBy);
    }

    /** The plan hash the run of {@code id} checkpointed; empty before it was planned or when it is unknown. */
    public Optional<String> planHash(String id) {
        return dbos.<String>getEvent(id, RequestWorkflowImpl.PLAN_HASH_EVENT, Duration.ZERO);
    }

    @Override
    public String awaitResult(String id, Duration timeout) throws InterruptedException {
        return client.awaitResult(id, timeout);
    }

    @Override
    public void approve(String id, String planHash, String approvedBy) {
        client.approve(id, planHash, approvedBy);
    }

    @Override
    public void reject(String id, String reason, String rejectedBy) {
        client.reject(id, reason, rejectedBy);
    }

    @Override
    public Optional<Approval> approval(String id) {
        return client.approval(id);
    }

    @Override
    public Optional<String> plan(String id) {
        return client.plan(id);
    }

    /** Stops taking up work; runs in flight are resumed by the next worker started with the same executor id. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            dbos.close();
            if (recovery != null) {
                recovery.close(); // after DBOS stopped: then its unfinished runs may go to another worker
            }
        }
    }

    /**
     * Builds and starts a {@link DbosRunner}. Not thread-safe; {@link #start()} once.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final DatabaseSettings settings;
        private Idle idle;
        private DataMap workflow;
        private String source;
        private Providers providers = Providers.none();
        private ExecutionOptions options = ExecutionOptions.defaults();
        private String appName = "idle";
        private String executorId;
        private String schema;
        private int concurrency = 8;
        private String runnerSchema;
        private RecoveryOptions recovery;

        private Builder(DatabaseSettings settings) {
            this.settings = settings;
        }

        /** The engine; {@link Idle#create()} when not set. */
        public Builder idle(Idle value) {
            this.idle = value;
            return this;
        }

        /** The workflow {@link #submit(LifecycleRequest)} submits a request with, from its file (optional). */
        public Builder workflow(Path file) {
            this.workflow = null;
            this.source = file.toString();
            return this;
        }

        /** As {@link #workflow(Path)}, a loaded tree; {@code sourceName} names it in messages. */
        public Builder workflow(DataMap tree, String sourceName) {
            this.workflow = tree;
            this.source = sourceName;
            return this;
        }

        /** The host's providers (with their auth sessions): secrets stay on this worker, never in the database. */
        public Builder providers(Providers value) {
            this.providers = value;
            return this;
        }

        public Builder executionOptions(ExecutionOptions value) {
            this.options = value;
            return this;
        }

        /** DBOS's application name; workers that share runs use the same one. Default {@code idle}. */
        public Builder appName(String value) {
            this.appName = value;
            return this;
        }

        /**
         * This worker's executor id; a restarted worker with the same id resumes the runs it left. Workers that run
         * at the same time need different ids.
         */
        public Builder executorId(String value) {
            this.executorId = value;
            return this;
        }

        /** The PostgreSQL schema of DBOS's tables; DBOS's default when not set. */
        public Builder databaseSchema(String value) {
            this.schema = value;
            return this;
        }

        /** How many request runs this worker runs at once (default 8). */
        public Builder concurrency(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + value);
            }
            this.concurrency = value;
            return this;
        }

        /**
         * The schema of the runner's own tables and audit views (versioned with Flyway when the worker starts):
         * {@code idle_runner} beside DBOS's default schema, {@code <DBOS schema>_runner} beside another one.
         */
        public Builder runnerSchema(String value) {
            this.runnerSchema = value;
            return this;
        }

        /**
         * Makes this worker take part in recovery (see {@link RecoveryOptions}): it keeps a lease, serves DBOS's admin
         * server, and runs the watchdog that hands a dead worker's runs to a live one. Without an executor id of its
         * own it gets a new unique one. Off when not set.
         */
        public Builder recovery(RecoveryOptions value) {
            this.recovery = value;
            return this;
        }

        /**
         * Checks the workflow (if one was set), connects to the database, and starts DBOS, which resumes this
         * executor's unfinished runs and takes work from the shared queues.
         *
         * @throws IdleInputException when the workflow set is not valid
         */
        public DbosRunner start() {
            Idle engine = idle == null ? Idle.create() : idle;
            SubmittedWorkflow own = null;
            if (source != null) {
                DataMap tree = workflow == null ? engine.loadWorkflow(Path.of(source)) : workflow;
                engine.prepare(tree, source);
                own = SubmittedWorkflow.of(tree, source);
            }
            DBOSConfig config = settings.toDbosConfig(appName).disableAdminServer();
            if (executorId != null) {
                config = config.withExecutorId(executorId);
            }
            if (schema != null) {
                config = config.withDatabaseSchema(schema);
            }
            String dbosSchema = schema != null ? schema : "dbos";
            String ownSchema = runnerSchema != null ? runnerSchema : RunnerSchema.besides(dbosSchema);
            WorkerRecovery joined = recovery == null ? null : WorkerRecovery.prepare(recovery, executorId);
            config = joined == null ? config : joined.configure(config);
            RunnerSchema.migrateTables(settings, ownSchema);
            if (joined != null) {
                joined.claim(settings, ownSchema);
            }
            DBOS dbos = new DBOS(config);
            try {
                dbos.registerQueue(new Queue(Queues.REQUESTS).withWorkerConcurrency(concurrency)
                        .withPollingInterval(Queues.REQUEST_POLL));
                dbos.registerQueue(new Queue(Queues.SUBMISSIONS));
                RequestWorkflow requests = dbos.registerProxy(RequestWorkflow.class,
                        new RequestWorkflowImpl(dbos, engine, new WorkflowCache(engine), providers, options));
                dbos.registerProxy(SubmissionWorkflow.class,
                        new SubmissionWorkflowImpl(dbos, engine, requests, providers, options));
                dbos.launch();
                RunnerSchema.migrateAuditViews(settings, ownSchema, dbosSchema);
                if (joined != null) {
                    joined.start(dbosSchema);
                }
                return new DbosRunner(dbos, DbosClient.open(settings, schema, own), joined);
            } catch (RuntimeException e) {
                dbos.close();
                if (joined != null) {
                    joined.close();
                }
                throw e;
            }
        }
    }
}
