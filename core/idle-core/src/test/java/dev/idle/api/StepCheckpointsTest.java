package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.StepCheckpoints.Recorded;
import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventTypes;
import dev.idle.api.event.IdleEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seam a durable runner checkpoints steps through: every step the run reaches passes it under a stable key, a
 * recorded outcome is replayed instead of running the step again, and the recorded form holds no secret.
 */
class StepCheckpointsTest {
    private static final String TWO_STEPS = """
            @{ Name = 'Touch twice'; LifecycleEvent = 'Leaver'
               Steps = @(
                 @{ Name = 'First'; Type = 'Test.Touch'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                 @{ Name = 'Second'; Type = 'Test.Touch'; With = @{ IdentityKey = 'second' } }
               ) }
            """;

    /** Records each step's outcome as JSON under its key, and replays what it has; lists the keys it was asked. */
    private static final class Recorder implements StepCheckpoints {
        final Map<String, String> recorded = new LinkedHashMap<>();
        final List<String> keys = new ArrayList<>();

        @Override
        public Recorded run(String stepKey, java.util.function.Supplier<Recorded> body) {
            keys.add(stepKey);
            return StepCheckpoints.recordedFromJson(recorded.computeIfAbsent(stepKey,
                    k -> StepCheckpoints.toJson(body.get())));
        }
    }

    private final Idle idle = BatchFixture.idle();
    private final BatchFixture.TouchProvider provider = new BatchFixture.TouchProvider();
    private final Plan plan = idle.plan(idle.parseWorkflow(TWO_STEPS, "two.psd1"), BatchFixture.leaver("jdoe"), null,
            "two.psd1");

    private ExecutionResult run(StepCheckpoints checkpoints) {
        return idle.invokePlan(plan).providers(BatchFixture.providers(provider)).stepCheckpoints(checkpoints).run();
    }

    @Test
    void eachReachedStepPassesTheSeamUnderAKeyOfItsIndexAndName() {
        Recorder recorder = new Recorder();

        ExecutionResult result = run(recorder);

        assertThat(result.status()).isEqualTo(RunStatus.Completed);
        assertThat(recorder.keys).containsExactly("0:First", "1:Second");
        assertThat(provider.writes()).isEqualTo(2);
    }

    @Test
    void aRecordedStepIsReplayedAndNotRunAgain() {
        Recorder recorder = new Recorder();
        ExecutionResult first = run(recorder);
        recorder.recorded.remove("1:Second");

        ExecutionResult resumed = run(recorder);

        assertThat(provider.touched.get("jdoe")).hasValue(1);
        assertThat(provider.touched.get("second")).hasValue(2);
        assertThat(resumed.steps()).isEqualTo(first.steps());
    }

    @Test
    void aReplayedStepsEventsAreInTheResumedRunsResultAndSinkOnceWithTheirOriginalTimes() {
        Recorder recorder = new Recorder();
        ExecutionResult first = run(recorder);
        recorder.recorded.remove("1:Second");
        List<IdleEvent> sunk = new ArrayList<>();

        ExecutionResult resumed = idle.invokePlan(plan).providers(BatchFixture.providers(provider))
                .eventSink(sunk::add).stepCheckpoints(recorder).run();

        assertThat(typesAndSteps(resumed.events())).isEqualTo(typesAndSteps(first.events()));
        assertThat(typesAndSteps(sunk)).isEqualTo(typesAndSteps(first.events()));
        assertThat(stepEvents(resumed.events(), "First")).extracting(IdleEvent::timestampUtc)
                .isEqualTo(stepEvents(first.events(), "First").stream().map(IdleEvent::timestampUtc).toList());
        assertThat(stepEvents(resumed.events(), "First")).extracting(IdleEvent::type)
                .contains(EventTypes.STEP_STARTED, EventTypes.STEP_COMPLETED);
    }

    @Test
    void theRecordedEventsRoundTripWithoutSecretValues() {
        StepOutcome outcome = new StepOutcome("Reset", "Test.Touch", StepStatus.Completed, true, null, 1, null);
        IdleEvent event = new IdleEvent(Instant.parse("2026-12-04T10:00:00Z"), EventTypes.STEP_COMPLETED,
                "Step 'Reset' completed.", "c-1", "hr", "Reset", DataMap.of("index", 0, "Password", "Tr0ub4dor&3"));

        String json = StepCheckpoints.toJson(new Recorded(outcome, List.of(event)));
        Recorded back = StepCheckpoints.recordedFromJson(json);

        assertThat(json).doesNotContain("Tr0ub4dor&3");
        assertThat(back.outcome().name()).isEqualTo("Reset");
        assertThat(back.events()).hasSize(1);
        IdleEvent read = back.events().get(0);
        assertThat(read.timestampUtc()).isEqualTo(event.timestampUtc());
        assertThat(read.type()).isEqualTo(event.type());
        assertThat(read.message()).isEqualTo(event.message());
        assertThat(read.correlationId()).isEqualTo("c-1");
        assertThat(read.actor()).isEqualTo("hr");
        assertThat(read.stepName()).isEqualTo("Reset");
        assertThat(((Number) read.data().get("index")).intValue()).isZero();
    }

    private static List<String> typesAndSteps(List<IdleEvent> events) {
        return events.stream().map(e -> e.type() + " " + e.stepName()).toList();
    }

    private static List<IdleEvent> stepEvents(List<IdleEvent> events, String step) {
        return events.stream().filter(e -> step.equals(e.stepName())).toList();
    }

    @Test
    void theRecordedFormRoundTripsAndRedactsSecretNamedOutput() {
        StepOutcome outcome = new StepOutcome("Reset", "Test.Touch", StepStatus.Failed, true, "boom", 3,
                DataMap.of("Data", DataMap.of("Upn", "jdoe@example.com", "Password", "Tr0ub4dor&3")));

        String json = StepCheckpoints.toJson(outcome);
        StepOutcome back = StepCheckpoints.fromJson(json);

        assertThat(json).doesNotContain("Tr0ub4dor&3");
        assertThat(back.name()).isEqualTo("Reset");
        assertThat(back.type()).isEqualTo("Test.Touch");
        assertThat(back.status()).isEqualTo(StepStatus.Failed);
        assertThat(back.changed()).isTrue();
        assertThat(back.error()).isEqualTo("boom");
        assertThat(back.attempts()).isEqualTo(3);
        assertThat(back.extras().getMap("Data").getString("Upn")).isEqualTo("jdoe@example.com");
    }

    @Test
    void withoutCheckpointsEveryStepRuns() {
        run(StepCheckpoints.NONE);
        idle.invokePlan(plan).providers(BatchFixture.providers(provider)).run();

        assertThat(provider.writes()).isEqualTo(4);
    }
}
