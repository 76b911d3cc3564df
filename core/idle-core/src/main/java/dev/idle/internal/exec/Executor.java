package dev.idle.internal.exec;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.ExecutionResult.OnFailureOutcome;
import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.Providers;
import dev.idle.api.RetryProfile;
import dev.idle.api.RunStatus;
import dev.idle.api.StepCheckpoints;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.api.event.EventSink;
import dev.idle.api.event.EventTypes;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.condition.ConditionEvaluator;
import dev.idle.internal.condition.ConditionPaths;
import dev.idle.internal.redact.RevealedSecrets;
import dev.idle.internal.redact.SecretScrubber;
import dev.idle.spi.RootCause;
import dev.idle.spi.Sleeper;
import dev.idle.spi.Step;
import dev.idle.spi.StepResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan: primary steps in order until one fails or is blocked, then the OnFailure steps (best effort) when the
 * run failed. Every planned step appears in the result; those that never ran are {@code NotRun}. {@code RunCompleted}
 * is always the last event. A step of either list runs through the same code ({@code runStep}). Event types are those
 * of {@link EventTypes}.
 *
 * <p>Failures: a handler's {@link RuntimeException} (after retries) fails its step, and so does a missing handler or
 * an unknown retry profile; an exception from the host's {@link EventSink} aborts the run, except while a retry is
 * announced.
 *
 * <p>Thread-safety: an executor may run several plans at once; each run keeps its state to itself.
 */
public final class Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);
    private final StepCatalog catalog;
    private final Clock clock;
    private final RetryRunner retry;

    public Executor(StepCatalog catalog) {
        this(catalog, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** For tests: a fixed clock, and a sleeper that records the waits instead of sleeping. */
    Executor(StepCatalog catalog, Clock clock, Sleeper sleeper) {
        this.catalog = catalog;
        this.clock = clock;
        this.retry = new RetryRunner(sleeper);
    }

    public ExecutionResult invoke(Plan plan, Providers providers, EventSink sink, ExecutionOptions options) {
        return invoke(plan, providers, sink, options, StepCheckpoints.NONE);
    }

    /** Runs {@code plan}, each step it reaches through {@code checkpoints} (null: {@link StepCheckpoints#NONE}). */
    public ExecutionResult invoke(Plan plan, Providers providers, EventSink sink, ExecutionOptions options,
                                  StepCheckpoints checkpoints) {
        SecretScrubber scrubber = scrubberFor(plan);
        Run run = new Run(plan, providers, new EventBus(sink, clock, plan.correlationId(), plan.actor(), scrubber),
                options == null ? ExecutionOptions.defaults() : options, scrubber,
                checkpoints == null ? StepCheckpoints.NONE : checkpoints);
        return run.execute();
    }

    /** The state of one run. */
    private final class Run {
        private final Plan plan;
        private final Providers providers;
        private final EventBus events;
        private final ExecutionOptions options;
        private final DataMap planView;
        private final SecretScrubber scrubber;
        private final StepCheckpoints checkpoints;

        Run(Plan plan, Providers providers, EventBus events, ExecutionOptions options, SecretScrubber scrubber,
            StepCheckpoints checkpoints) {
            this.scrubber = scrubber;
            this.checkpoints = checkpoints;
            this.plan = plan;
            this.providers = providers;
            this.events = events;
            this.options = options;
            this.planView = DataMap.of("WorkflowName", plan.workflowName(), "LifecycleEvent", plan.lifecycleEvent(),
                    "CorrelationId", plan.correlationId(), "Actor", plan.actor(),
                    "Request", plan.request().toData(), "Providers", new ArrayList<>(providers.aliases()));
        }

        ExecutionResult execute() {
            int total = plan.steps().size() + plan.onFailureSteps().size();
            events.emit(EventTypes.RUN_STARTED, "Plan execution started.", null,
                    DataMap.of("correlationId", plan.correlationId(), "actor", plan.actor(), "stepCount", total));
            List<StepOutcome> outcomes = new ArrayList<>();
            RunStatus status = RunStatus.Completed;
            List<PlanStep> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                PlanStep step = steps.get(i);
                if (status != RunStatus.Completed) {
                    outcomes.add(step.status() == StepStatus.NotApplicable ? notApplicable(step) : notRun(step));
                    continue;
                }
                int index = i;
                StepOutcome outcome = checkpointed(index + ":" + step.name(),
                        () -> runStep(step, index, StepList.PRIMARY));
                outcomes.add(outcome);
                if (outcome.status() == StepStatus.Failed) {
                    status = RunStatus.Failed;
                } else if (outcome.status() == StepStatus.Blocked) {
                    status = RunStatus.Blocked;
                }
            }
            OnFailureOutcome onFailure = new OnFailureOutcome(RunStatus.NotRun, List.of());
            if (status == RunStatus.Failed && !plan.onFailureSteps().isEmpty()) {
                onFailure = runOnFailure();
            }
            events.emit(EventTypes.RUN_COMPLETED, "Plan execution finished (status: " + status + ").", null,
                    DataMap.of("status", status.name(), "stepCount", total));
            return new ExecutionResult(status, plan.correlationId(), plan.actor(), outcomes, onFailure,
                    events.events());
        }

        private OnFailureOutcome runOnFailure() {
            List<PlanStep> steps = plan.onFailureSteps();
            events.emit(EventTypes.ON_FAILURE_STARTED, "Executing OnFailureSteps (best effort).", null,
                    DataMap.of("onFailureStepCount", steps.size()));
            List<StepOutcome> outcomes = new ArrayList<>();
            boolean anyFailed = false;
            for (int j = 0; j < steps.size(); j++) {
                PlanStep step = steps.get(j);
                int index = j;
                StepOutcome outcome = checkpointed("onFailure:" + index + ":" + step.name(),
                        () -> runStep(step, index, StepList.ON_FAILURE));
                anyFailed |= outcome.status() == StepStatus.Failed;
                outcomes.add(outcome);
            }
            RunStatus status = anyFailed ? RunStatus.PartiallyFailed : RunStatus.Completed;
            events.emit(EventTypes.ON_FAILURE_COMPLETED, "OnFailureSteps finished (status: " + status + ").", null,
                    DataMap.of("status", status.name(), "stepCount", steps.size()));
            return new OnFailureOutcome(status, outcomes);
        }

        /**
         * One step through the checkpoints: when its body runs, the events it emits are recorded with its outcome;
         * when the checkpoints replay a recorded step instead, its recorded events are emitted again, so that the
         * run's result holds them once either way.
         */
        private StepOutcome checkpointed(String stepKey, Supplier<StepOutcome> body) {
            boolean[] ran = {false};
            StepCheckpoints.Recorded recorded = checkpoints.run(stepKey, () -> {
                int from = events.size();
                StepOutcome outcome = body.get();
                ran[0] = true;
                return new StepCheckpoints.Recorded(outcome, events.since(from));
            });
            if (!ran[0]) {
                events.replay(recorded.events());
            }
            return recorded.outcome();
        }

        /**
         * Runs one step of either list: not applicable at plan time, held back by its precondition, or its handler
         * run under the retry profile, with the events of {@code list} around it.
         */
        private StepOutcome runStep(PlanStep step, int index, StepList list) {
            DataMap data = DataMap.of("stepType", step.type(), "index", index);
            if (step.status() == StepStatus.NotApplicable) {
                events.emit(list.notApplicableEvent, list.label + " '" + step.name()
                        + "' not applicable (condition not met).", step.name(), data);
                return notApplicable(step);
            }
            if (step.precondition() != null) {
                StepOutcome guarded = checkPrecondition(step, index, list.label);
                if (guarded != null) {
                    return guarded;
                }
            }
            events.emit(list.startedEvent, list.label + " '" + step.name() + "' started.", step.name(), data);
            String seed = plan.correlationId() + "|" + list.seedTag + step.type() + "|" + step.name() + "|" + index;
            StepOutcome outcome = runHandler(step, seed, list.operation);
            if (outcome.status() == StepStatus.Failed) {
                events.emit(list.failedEvent, list.label + " '" + step.name() + "' failed.", step.name(),
                        DataMap.of("stepType", step.type(), "index", index, "error", outcome.error()));
            } else {
                events.emit(list.completedEvent, list.label + " '" + step.name() + "' completed.", step.name(), data);
            }
            return outcome;
        }

        /** Null when the precondition holds; otherwise the step's outcome (Failed, PreconditionSkipped, Blocked). */
        private StepOutcome checkPrecondition(PlanStep step, int index, String label) {
            DataMap roots = DataMap.of("Plan", planView, "Request", requestWithCurrent(step));
            boolean holds;
            try {
                List<String> missing = ConditionPaths.unresolvedPaths(step.precondition(), roots, false);
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("Workflow step '" + step.name()
                            + "' has unresolved condition path(s) in Precondition: " + missing + ".");
                }
                holds = step.precondition() instanceof DataMap && ConditionEvaluator.evaluate(step.precondition(), roots);
            } catch (RuntimeException e) {
                String error = scrubber.scrub("Precondition could not be evaluated: " + e.getMessage());
                events.emit(EventTypes.STEP_FAILED, label + " '" + step.name() + "' failed.", step.name(),
                        DataMap.of("stepType", step.type(), "index", index, "error", error));
                return outcome(step, StepStatus.Failed, false, error, 0, null);
            }
            if (holds) {
                return null;
            }
            String mode = step.onPreconditionFalse() == null || step.onPreconditionFalse().isBlank()
                    ? "Blocked" : step.onPreconditionFalse();
            events.emit(EventTypes.STEP_PRECONDITION_FAILED, label + " '" + step.name() + "' precondition check failed.",
                    step.name(), DataMap.of("stepType", step.type(), "index", index, "onPreconditionFalse", mode));
            DataMap pe = step.preconditionEvent();
            if (pe != null) {
                events.emit(pe.getString("Type"), pe.getString("Message"), step.name(), pe.getMap("Data"));
            }
            switch (mode) {
                case "Fail" -> {
                    events.emit(EventTypes.STEP_FAILED, label + " '" + step.name() + "' failed (precondition check failed).",
                            step.name(), DataMap.of("stepType", step.type(), "index", index,
                                    "error", "Precondition check failed."));
                    return outcome(step, StepStatus.Failed, false, "Precondition check failed.", 0, null);
                }
                case "Continue" -> {
                    return outcome(step, StepStatus.PreconditionSkipped, false, null, 0, null);
                }
                default -> {
                    events.emit(EventTypes.STEP_BLOCKED, label + " '" + step.name() + "' blocked (precondition check failed).",
                            step.name(), DataMap.of("stepType", step.type(), "index", index));
                    return outcome(step, StepStatus.Blocked, false, null, 0, null);
                }
            }
        }

        /**
         * The request root for a precondition, with {@code Context.Current} pointing at this step's provider and
         * session view. Built on a copy, so the plan itself is never changed.
         */
        private DataMap requestWithCurrent(PlanStep step) {
            DataMap request = plan.request().toData();
            DataMap context = new DataMap(plan.request().context());
            if (!context.containsKey("Current")) {
                Object current = null;
                String alias = step.with().getString("Provider");
                if (alias != null && !alias.isBlank() && context.get("Providers") instanceof DataMap ps
                        && ps.get(alias) instanceof DataMap byAlias) {
                    String key = step.with().getString("AuthSessionName");
                    current = byAlias.get(key == null || key.isBlank() ? "Default" : key);
                }
                context.put("Current", current);
            }
            request.put("Context", context);
            return request;
        }

        /**
         * The context of one attempt of {@code step}. Its {@code With} is a fresh read-only deep copy of the plan's:
         * a step or provider that tries to change it fails, and nothing it does reaches the plan, its export, its
         * hash or the next attempt. Secrets a template put into the plan reach the step as their text; the run's
         * scrubber knows them, so what the step echoes is masked.
         */
        private EngineStepContext contextFor(PlanStep step) {
            return new EngineStepContext(step.name(), step.type(),
                    (DataMap) Values.readOnlyCopy(RevealedSecrets.of(step.with())),
                    providers, events, plan.correlationId(), plan.actor());
        }

        private StepOutcome runHandler(PlanStep step, String seed, String operation) {
            Step handler = catalog.handler(step.type());
            if (handler == null) {
                return outcome(step, StepStatus.Failed, false,
                        "No step handler registered for step type '" + step.type() + "'.", 1, null);
            }
            RetryProfile profile;
            try {
                profile = options.profileFor(step.name(), step.retryProfile());
            } catch (IllegalStateException e) {
                return outcome(step, StepStatus.Failed, false, e.getMessage(), 1, null);
            }
            try {
                RetryRunner.Attempted<StepResult> r = retry.run(profile, seed, () -> handler.execute(contextFor(step)),
                        (attempt, max, delay, failure) -> events.emitQuietly(EventTypes.STEP_RETRYING,
                                "Transient failure in '" + operation + "' (attempt " + attempt + "/" + max
                                        + "). Retrying.", step.name(),
                                RetryRunner.retryData(attempt, max, delay, failure)));
                StepResult result = r.value();
                return outcome(step, StepStatus.Completed, result != null && result.changed(), null, r.attempts(),
                        result == null ? null : (DataMap) scrubber.scrubTree(result.extras()));
            } catch (RetryRunner.AttemptsFailed e) {
                if (LOG.isDebugEnabled()) {
                    // the chain only for --debug: results and events carry its root cause in one line
                    LOG.debug("step '{}' failed: {}", step.name(), scrubber.scrub(RootCause.chain(e.getCause())));
                }
                return outcome(step, StepStatus.Failed, false, scrubber.scrub(RootCause.describe(e.getCause())),
                        e.attempts, null);
            }
        }
    }

    /**
     * The two lists a step can belong to. They run through the same code; only the wording and event types of their
     * step events, the retry seed and the operation named in {@code StepRetrying} differ. Precondition events
     * ({@code StepPreconditionFailed}, {@code StepBlocked}, {@code StepFailed}) are the same for both lists.
     */
    private enum StepList {
        PRIMARY("Step", "", "StepExecution", EventTypes.STEP_NOT_APPLICABLE, EventTypes.STEP_STARTED,
                EventTypes.STEP_COMPLETED, EventTypes.STEP_FAILED),
        ON_FAILURE("OnFailure step", "OnFailure|", "OnFailureStepExecution",
                EventTypes.ON_FAILURE_STEP_NOT_APPLICABLE, EventTypes.ON_FAILURE_STEP_STARTED,
                EventTypes.ON_FAILURE_STEP_COMPLETED, EventTypes.ON_FAILURE_STEP_FAILED);

        /** How messages name a step of this list. */
        final String label;
        /** Put between the correlation id and the step type in the retry jitter seed. */
        final String seedTag;
        /** The operation a {@code StepRetrying} message names. */
        final String operation;
        final String notApplicableEvent;
        final String startedEvent;
        final String completedEvent;
        final String failedEvent;

        StepList(String label, String seedTag, String operation, String notApplicableEvent, String startedEvent,
                 String completedEvent, String failedEvent) {
            this.label = label;
            this.seedTag = seedTag;
            this.operation = operation;
            this.notApplicableEvent = notApplicableEvent;
            this.startedEvent = startedEvent;
            this.completedEvent = completedEvent;
            this.failedEvent = failedEvent;
        }
    }

    /**
     * Secret values the run knows of: under secret-named keys of the request and of every step's inputs, and the
     * secrets templates put into the inputs. Previews ({@link PlanPreviewer}) mask with the same.
     */
    static SecretScrubber scrubberFor(Plan plan) {
        List<Object> trees = new ArrayList<>();
        trees.add(plan.request().toData());
        plan.steps().forEach(s -> trees.add(s.with()));
        plan.onFailureSteps().forEach(s -> trees.add(s.with()));
        return SecretScrubber.from(trees.toArray());
    }

    private static StepOutcome notApplicable(PlanStep step) {
        return outcome(step, StepStatus.NotApplicable, false, null, 0, null);
    }

    private static StepOutcome notRun(PlanStep step) {
        return outcome(step, StepStatus.NotRun, false, null, 0, null);
    }

    private static StepOutcome outcome(PlanStep step, StepStatus status, boolean changed, String error, int attempts,
                                       DataMap extras) {
        return new StepOutcome(step.name(), step.type(), status, changed, error, attempts,
                extras == null ? new DataMap() : (DataMap) Values.deepCopy(extras));
    }
}
