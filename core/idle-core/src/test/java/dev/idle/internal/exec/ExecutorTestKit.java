package dev.idle.internal.exec;

import static dev.idle.testing.TestPacks.anyWith;
import static dev.idle.testing.TestPacks.pack;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventSink;
import dev.idle.api.event.IdleEvent;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one plan through the {@link Executor} with stub handlers, the way JUnit's {@code EngineTestKit} runs one
 * engine: configure, {@link #run()} once, then assert over the recorded {@link Execution}. No planner, no provider:
 * the plan is built from {@link PlannedStep}s, the clock is fixed at {@link #NOW} and waits are recorded instead of
 * slept.
 *
 * <pre>{@code
 * Execution run = ExecutorTestKit.handlers(StubStep.changing("Stub.Ok"))
 *         .steps(step("A", "Stub.Ok"))
 *         .run();
 * run.assertEventsMatchExactly(runStarted(), started("A"), completed("A"), runCompleted(RunStatus.Completed));
 * }</pre>
 */
final class ExecutorTestKit {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final String CORRELATION_ID = "corr-1";
    static final String ACTOR = "tester";

    private final List<Step> handlers;
    private final List<PlanStep> steps = new ArrayList<>();
    private final List<PlanStep> onFailureSteps = new ArrayList<>();
    private ExecutionOptions options = ExecutionOptions.defaults();
    private Providers providers = Providers.none();
    private LifecycleRequest request = request(new DataMap(), new DataMap());
    private EventSink hostSink = event -> { };

    private ExecutorTestKit(List<Step> handlers) {
        this.handlers = handlers;
    }

    /** A kit whose catalog holds these handlers, each with permissive metadata, in one pack. */
    static ExecutorTestKit handlers(Step... handlers) {
        return new ExecutorTestKit(List.of(handlers));
    }

    /** A Leaver request for identity {@code jdoe}, correlation id {@link #CORRELATION_ID}, actor {@link #ACTOR}. */
    static LifecycleRequest request(DataMap intent, DataMap context) {
        return LifecycleRequest.create("Leaver", CORRELATION_ID, ACTOR, DataMap.of("Id", "jdoe"), intent, context);
    }

    ExecutorTestKit steps(PlannedStep... planned) {
        Arrays.stream(planned).map(PlannedStep::build).forEach(steps::add);
        return this;
    }

    ExecutorTestKit onFailureSteps(PlannedStep... planned) {
        Arrays.stream(planned).map(PlannedStep::build).forEach(onFailureSteps::add);
        return this;
    }

    ExecutorTestKit options(ExecutionOptions value) {
        this.options = value;
        return this;
    }

    ExecutorTestKit providers(Providers value) {
        this.providers = value;
        return this;
    }

    ExecutorTestKit request(LifecycleRequest value) {
        this.request = value;
        return this;
    }

    /** A sink of the host's that sees each event after the kit recorded it (it may throw). */
    ExecutorTestKit hostSink(EventSink value) {
        this.hostSink = value;
        return this;
    }

    /** The plan {@link #run()} runs; its steps are the very objects the kit holds, so two calls share them. */
    Plan plan() {
        return new Plan("Stub workflow", request.lifecycleEvent(), null, request, steps, onFailureSteps, List.of());
    }

    /** Runs the plan once. */
    Execution run() {
        List<StepMetadata> catalog = handlers.stream().map(h -> anyWith(h.type())).distinct().toList();
        StepCatalog stepCatalog = StepCatalog.of(List.of(pack("Stub.Steps", catalog, handlers)));
        List<Long> sleeps = new ArrayList<>();
        Executor executor = new Executor(stepCatalog, Clock.fixed(NOW, ZoneOffset.UTC), d -> sleeps.add(d.toMillis()));
        Plan plan = plan();
        List<IdleEvent> sunk = new ArrayList<>();
        ExecutionResult result = executor.invoke(plan, providers, event -> {
            sunk.add(event);
            hostSink.write(event);
        }, options);
        return new Execution(plan, result, List.copyOf(sunk), List.copyOf(sleeps));
    }
}
