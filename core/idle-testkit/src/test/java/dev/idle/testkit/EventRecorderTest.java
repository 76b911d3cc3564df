package dev.idle.testkit;

import static dev.idle.testkit.EventConditions.data;
import static dev.idle.testkit.EventConditions.dataKeys;
import static dev.idle.testkit.EventConditions.event;
import static dev.idle.testkit.EventConditions.message;
import static dev.idle.testkit.EventConditions.messageContaining;
import static dev.idle.testkit.EventConditions.runEvent;
import static dev.idle.testkit.EventConditions.runLevel;
import static dev.idle.testkit.EventConditions.step;
import static dev.idle.testkit.EventConditions.stepEvent;
import static dev.idle.testkit.EventConditions.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventTypes;
import dev.idle.api.event.IdleEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The recorder and the event conditions a provider or step author asserts a stream with. */
class EventRecorderTest {
    private final EventRecorder recorder = new EventRecorder();

    private void record(String type, String stepName, String message, DataMap data) {
        recorder.write(new IdleEvent(Instant.EPOCH, type, message, "corr-1", "tester", stepName, data));
    }

    private void recordSmallRun() {
        record(EventTypes.RUN_STARTED, null, "Plan execution started.", DataMap.of("stepCount", 1));
        record(EventTypes.STEP_STARTED, "Say", "Step 'Say' started.", DataMap.of("stepType", "X", "index", 0));
        record(EventTypes.CUSTOM, "Say", "hello jdoe", null);
        record(EventTypes.RUN_COMPLETED, null, "Plan execution finished (status: Completed).",
                DataMap.of("status", "Completed"));
    }

    @Test
    void aStreamMatchingOneConditionPerEventInOrderPasses() {
        recordSmallRun();

        recorder.assertEventsMatchExactly(
                runEvent(EventTypes.RUN_STARTED),
                event(stepEvent(EventTypes.STEP_STARTED, "Say"), dataKeys("index", "stepType"), data("index", 0)),
                event(type(EventTypes.CUSTOM), step("Say"), message("hello jdoe")),
                event(runLevel(), type(EventTypes.RUN_COMPLETED), messageContaining("Completed")));
        assertThat(recorder.types()).containsExactly("RunStarted", "StepStarted", "Custom", "RunCompleted");
    }

    @Test
    void aMissingEventFailsAndTheFailureListsTheStream() {
        recordSmallRun();

        assertThatThrownBy(() -> recorder.assertEventsMatchExactly(runEvent(EventTypes.RUN_STARTED),
                runEvent(EventTypes.RUN_COMPLETED)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[RunStarted, StepStarted[Say], Custom[Say], RunCompleted]");
    }

    @Test
    void anEventInTheWrongPlaceFailsNamingItsPosition() {
        recordSmallRun();

        assertThatThrownBy(() -> recorder.assertEventsMatchExactly(runEvent(EventTypes.RUN_STARTED),
                stepEvent(EventTypes.CUSTOM, "Say"), stepEvent(EventTypes.STEP_STARTED, "Say"),
                runEvent(EventTypes.RUN_COMPLETED)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("event 1 of events");
    }

    @Test
    void eachConditionChecksOnlyWhatItNames() {
        IdleEvent event = new IdleEvent(Instant.EPOCH, "Acme.Note", "noted 3 items", "c", null, "Note",
                DataMap.of("count", 3));

        assertThat(event).is(type("Acme.Note")).isNot(type("acme.note"))
                .is(step("Note")).isNot(step("Other")).isNot(runLevel())
                .is(message("noted 3 items")).isNot(message("noted"))
                .is(messageContaining("3 items"))
                .is(data("count", 3)).isNot(data("count", 3L)).isNot(data("missing", null))
                .is(dataKeys("count")).isNot(dataKeys("count", "other"));
    }

    @Test
    void conditionsOnDataDoNotMatchAnEventWithoutData() {
        IdleEvent bare = new IdleEvent(Instant.EPOCH, "Acme.Note", null, "c", null, null, null);

        assertThat(bare).isNot(data("count", null)).isNot(dataKeys()).isNot(messageContaining("x")).is(runLevel());
    }
}
