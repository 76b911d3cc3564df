package dev.idle.internal.exec;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.ExecutionResult.OnFailureOutcome;
import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.Providers;
import dev.idle.api.RetryProfile;
import dev.idle.api.RunStatus;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.api.event.EventSink;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.condition.ConditionEvaluator;
import dev.idle.internal.condition.ConditionPaths;
import dev.idle.internal.redact.SecretScrubber;
import dev.idle.spi.Sleeper;
import dev.idle.spi.Step;
import dev.idle.spi.StepResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan: primary steps in order until one fails or is blocked, then the OnFailure steps (best effort) when the
 * run failed. Every planned step appears in the result; those that never ran are {@code NotRun}. {@code RunCompleted}
 * is always the last event.
 */
public final class Executor {
    private final StepCatalog catalog;
    private final Clock clock;
    private final RetryRunner retry;

    public Executor(StepCatalog catalog) {
        this(catalog, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    Executor(StepCatalog catalog, Clock clock, Sleeper sleeper) {
        this.catalog = catalog;
        this.clock = clock;
        this.retry = new RetryRunner(sleeper);
    }

    /** A copy that sleeps with {@code sleeper} (tests use a recording one). */
    public Executor withSleeper(Sleeper sleeper) {
        return new Executor(catalog, clock, sleeper);
    }

    public ExecutionResult invoke(Plan plan, Providers providers, EventSink sink, ExecutionOptions options) {
        SecretScrubber scrubber = scrubberFor(plan);
        Run run = new Run(plan, providers, new EventBus(sink, clock, plan.correlationId(), plan.actor(), scrubber),
                options == null ? ExecutionOptions.defaults() : options, scrubber);
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

        Run(Plan plan, Providers providers, EventBus events, ExecutionOptions options, SecretScrubber scrubber) {
            this.scrubber = scrubber;
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
            events.emit("RunStarted", "Plan execution started.", null,
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
                StepOutcome outcome = runPrimary(step, i);
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
            events.emit("RunCompleted", "Plan execution finished (status: " + status + ").", null,
                    DataMap.of("status", status.name(), "stepCount", total));
            return new ExecutionResult(status, plan.correlationId(), plan.actor(), outcomes, onFailure,
                    events.events());
        }

        private StepOutcome runPrimary(PlanStep step, int index) {
            DataMap data = DataMap.of("stepType", step.type(), "index", index);
            if (step.status() == StepStatus.NotApplicable) {
                events.emit("StepNotApplicable", "Step '" + step.name() + "' not applicable (condition not met).",
                        step.name(), data);
                return notApplicable(step);
            }
            if (step.precondition() != null) {
                StepOutcome guarded = checkPrecondition(step, index, "Step", "StepFailed");
                if (guarded != null) {
                    return guarded;
                }
            }
            events.emit("StepStarted", "Step '" + step.name() + "' started.", step.name(), data);
            StepOutcome outcome = runHandler(step, plan.correlationId() + "|" + step.type() + "|" + step.name() + "|"
                    + index, "StepExecution");
            if (outcome.status() == StepStatus.Failed) {
                events.emit("StepFailed", "Step '" + step.name() + "' failed.", step.name(),
                        DataMap.of("stepType", step.type(), "index", index, "error", outcome.error()));
            } else {
                events.emit("StepCompleted", "Step '" + step.name() + "' completed.", step.name(), data);
            }
            return outcome;
        }

        private OnFailureOutcome runOnFailure() {
            List<PlanStep> steps = plan.onFailureSteps();
            events.emit("OnFailureStarted", "Executing OnFailureSteps (best effort).", null,
                    DataMap.of("onFailureStepCount", steps.size()));
            List<StepOutcome> outcomes = new ArrayList<>();
            boolean anyFailed = false;
            for (int j = 0; j < steps.size(); j++) {
                PlanStep step = steps.get(j);
                DataMap data = DataMap.of("stepType", step.type(), "index", j);
                StepOutcome outcome;
                if (step.status() == StepStatus.NotApplicable) {
                    events.emit("OnFailureStepNotApplicable", "OnFailure step '" + step.name()
                            + "' not applicable (condition not met).", step.name(), data);
                    outcome = notApplicable(step);
                } else {
                    outcome = step.precondition() == null ? null
                            : checkPrecondition(step, j, "OnFailure step", "StepFailed");
                    if (outcome == null) {
                        events.emit("OnFailureStepStarted", "OnFailure step '" + step.name() + "' started.",
                                step.name(), data);
                        outcome = runHandler(step, plan.correlationId() + "|OnFailure|" + step.type() + "|"
                                + step.name() + "|" + j, "OnFailureStepExecution");
                        if (outcome.status() == StepStatus.Failed) {
                            events.emit("OnFailureStepFailed", "OnFailure step '" + step.name() + "' failed.",
                                    step.name(), DataMap.of("stepType", step.type(), "index", j,
                                            "error", outcome.error()));
                        } else {
                            events.emit("OnFailureStepCompleted", "OnFailure step '" + step.name()
                                    + "' completed.", step.name(), data);
                        }
                    }
                }
                anyFailed |= outcome.status() == StepStatus.Failed;
                outcomes.add(outcome);
            }
            RunStatus status = anyFailed ? RunStatus.PartiallyFailed : RunStatus.Completed;
            events.emit("OnFailureCompleted", "OnFailureSteps finished (status: " + status + ").", null,
                    DataMap.of("status", status.name(), "stepCount", steps.size()));
            return new OnFailureOutcome(status, outcomes);
        }

        /** Null when the precondition holds; otherwise the step's outcome (Failed, PreconditionSkipped, Blocked). */
        private StepOutcome checkPrecondition(PlanStep step, int index, String label, String failedEvent) {
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
                String error = "Precondition could not be evaluated: " + e.getMessage();
                events.emit(failedEvent, label + " '" + step.name() + "' failed.", step.name(),
                        DataMap.of("stepType", step.type(), "index", index, "error", error));
                return outcome(step, StepStatus.Failed, false, error, 0, null);
            }
            if (holds) {
                return null;
            }
            String mode = step.onPreconditionFalse() == null || step.onPreconditionFalse().isBlank()
                    ? "Blocked" : step.onPreconditionFalse();
            events.emit("StepPreconditionFailed", label + " '" + step.name() + "' precondition check failed.",
                    step.name(), DataMap.of("stepType", step.type(), "index", index, "onPreconditionFalse", mode));
            DataMap pe = step.preconditionEvent();
            if (pe != null) {
                events.emit(pe.getString("Type"), pe.getString("Message"), step.name(), pe.getMap("Data"));
            }
            switch (mode) {
                case "Fail" -> {
                    events.emit(failedEvent, label + " '" + step.name() + "' failed (precondition check failed).",
                            step.name(), DataMap.of("stepType", step.type(), "index", index,
                                    "error", "Precondition check failed."));
                    return outcome(step, StepStatus.Failed, false, "Precondition check failed.", 0, null);
                }
                case "Continue" -> {
                    return outcome(step, StepStatus.PreconditionSkipped, false, null, 0, null);
                }
                default -> {
                    events.emit("StepBlocked", label + " '" + step.name() + "' blocked (precondition check failed).",
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
            EngineStepContext ctx = new EngineStepContext(step.name(), step.type(), step.with(), providers, events,
                    plan.correlationId(), plan.actor());
            try {
                RetryRunner.Attempted<StepResult> r = retry.run(profile, seed, () -> handler.execute(ctx),
                        (attempt, max, delay, failure) -> events.emitQuietly("StepRetrying",
                                "Transient failure in '" + operation + "' (attempt " + attempt + "/" + max
                                        + "). Retrying.", step.name(),
                                RetryRunner.retryData(attempt, max, delay, failure)));
                StepResult result = r.value();
                return outcome(step, StepStatus.Completed, result != null && result.changed(), null, r.attempts(),
                        result == null ? null : result.extras());
            } catch (RetryRunner.AttemptsFailed e) {
                return outcome(step, StepStatus.Failed, false, scrubber.scrub(messageOf(e.getCause())), e.attempts,
                        null);
            }
        }
    }

    /** Secret values the run knows of: under secret-named keys of the request and of every step's inputs. */
    private static SecretScrubber scrubberFor(Plan plan) {
        List<Object> trees = new ArrayList<>();
        trees.add(plan.request().toData());
        plan.steps().forEach(s -> trees.add(s.with()));
        plan.onFailureSteps().forEach(s -> trees.add(s.with()));
        return SecretScrubber.from(trees.toArray());
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
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
