package dev.idle.runner.dbos;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.WorkflowStatus;
import dev.idle.api.ExecutionOptions;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.PreparedWorkflow;
import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.runner.DistributedRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The {@link DistributedRunner} on DBOS Transact: each submitted request is one DBOS workflow whose id is the
 * request's correlation id and whose state lives in PostgreSQL. The workflow checkpoints its start time and plan hash,
 * runs each plan step as one checkpointed DBOS step, and returns the results record of {@code idle batch}
 * ({@link dev.idle.api.BatchRecord#toJsonLine()}; {@code index} and {@code line} are 0). A runner is also a worker:
 * it runs the workflows it starts, and on start resumes those its executor id left unfinished (a crash).
 *
 * <pre>{@code
 * try (DbosRunner runner = DbosRunner.builder(DatabaseSettings.fromEnvironment(System.getenv()))
 *         .workflow(Path.of("leaver.psd1")).providers(host.providers()).start()) {
 *     runner.submit(request);                                   // request.correlationId() is the workflow id
 *     String record = runner.awaitResult(request.correlationId(), Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>What is exactly-once: a step whose outcome was checkpointed is never run again; the step in flight when a worker
 * dies runs once more when the workflow is resumed (its provider calls are at-least-once). The request is stored as
 * the workflow's input, so a request carrying a secret value is refused; the step outcomes, plan hash and result are
 * stored redacted. The host's providers are not closed by {@link #close()}.
 *
 * <p>Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DbosRunner implements DistributedRunner {
    private static final Duration POLL = Duration.ofMillis(100);

    private final DBOS dbos;
    private final RequestWorkflow workflow;
    private final WorkerRecovery recovery; // null: this worker takes no part in recovery

    private DbosRunner(DBOS dbos, RequestWorkflow workflow, WorkerRecovery recovery) {
        this.dbos = dbos;
        this.workflow = workflow;
        this.recovery = recovery;
    }

    /** A runner on the database of {@code settings}; set the workflow, then {@link Builder#start()}. */
    public static Builder builder(DatabaseSettings settings) {
        return new Builder(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public Submission submit(LifecycleRequest request) {
        if (request.correlationIdGenerated()) {
            throw new IdleInputException("request: correlationId is required for a distributed run (it is the"
                    + " run's id, which makes a repeated submission a no-op)");
        }
        String id = request.correlationId();
        SubmittedRequest stored = SubmittedRequest.of(request);
        if (dbos.getWorkflowStatus(id).isPresent()) {
            requireSameRequest(id, stored);
            return new Submission(id, true);
        }
        dbos.startWorkflow(() -> workflow.run(stored.json, stored.hash),
                new StartWorkflowOptions().withWorkflowId(id));
        // a concurrent submission under the same id may have started first: then ours attached to its run
        requireSameRequest(id, stored);
        return new Submission(id, false);
    }

    private void requireSameRequest(String id, SubmittedRequest stored) {
        WorkflowStatus status = dbos.getWorkflowStatus(id).orElseThrow();
        Object[] input = status.input();
        if (!RequestWorkflow.NAME.equals(status.workflowName()) || input == null || input.length != 2
                || !stored.hash.equals(input[1])) {
            throw new IdleInputException("request: correlationId '" + id + "' was already submitted with a"
                    + " different request; submit this one under a new correlationId");
        }
    }

    @Override
    public Optional<SubmissionState> status(String id) {
        return dbos.getWorkflowStatus(id).map(s -> switch (s.status()) {
            case ENQUEUED, DELAYED -> SubmissionState.Waiting;
            case PENDING -> SubmissionState.Running;
            case SUCCESS -> SubmissionState.Finished;
            case ERROR, CANCELLED, MAX_RECOVERY_ATTEMPTS_EXCEEDED -> SubmissionState.Ended;
        });
    }

    @Override
    public Optional<String> result(String id) {
        return dbos.getWorkflowStatus(id).filter(s -> s.status() == dev.dbos.transact.workflow.WorkflowState.SUCCESS)
                .map(s -> (String) s.output());
    }

    /** The plan hash the run of {@code id} checkpointed; empty before it was planned or when it is unknown. */
    public Optional<String> planHash(String id) {
        return dbos.<String>getEvent(id, RequestWorkflowImpl.PLAN_HASH_EVENT, Duration.ZERO);
    }

    @Override
    public String awaitResult(String id, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<SubmissionState> state = status(id);
            if (state.orElse(null) == SubmissionState.Finished) {
                return result(id).orElseThrow();
            }
            if (state.orElse(null) == SubmissionState.Ended) {
                throw new IllegalStateException(id + ": the run ended without a results record ("
                        + dbos.getWorkflowStatus(id).map(s -> s.status().name()).orElse("unknown") + ")");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(id + ": no result within " + timeout + " (state: "
                        + state.map(Enum::name).orElse("unknown") + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    public void close() {
        dbos.close();
        if (recovery != null) {
            recovery.close(); // after DBOS stopped: then its unfinished runs may go to another worker
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

        /** The workflow every submission runs, from its file. */
        public Builder workflow(Path file) {
            this.workflow = null;
            this.source = file.toString();
            return this;
        }

        /** The workflow every submission runs, as a loaded tree; {@code sourceName} names it in messages. */
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

        /** This worker's executor id; a restarted worker with the same id resumes the runs it left. */
        public Builder executorId(String value) {
            this.executorId = value;
            return this;
        }

        /** The PostgreSQL schema of DBOS's tables; DBOS's default when not set. */
        public Builder databaseSchema(String value) {
            this.schema = value;
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
         * Checks the workflow, connects to the database, and starts DBOS (which resumes this executor's unfinished
         * runs).
         *
         * @throws IdleInputException when no workflow was set or it is not valid
         */
        public DbosRunner start() {
            if (source == null) {
                throw new IdleInputException("DbosRunner: no workflow set");
            }
            Idle engine = idle == null ? Idle.create() : idle;
            DataMap tree = workflow == null ? engine.loadWorkflow(Path.of(source)) : workflow;
            PreparedWorkflow prepared = engine.prepare(tree, source);
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
                RequestWorkflow proxy = dbos.registerProxy(RequestWorkflow.class,
                        new RequestWorkflowImpl(dbos, engine, prepared, providers, options));
                dbos.launch();
                RunnerSchema.migrateAuditViews(settings, ownSchema, dbosSchema);
                if (joined != null) {
                    joined.start(dbosSchema);
                }
                return new DbosRunner(dbos, proxy, joined);
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
