package dev.idle.testkit;

import dev.idle.api.event.EventTypes;
import dev.idle.api.event.IdleEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.Condition;

/**
 * AssertJ conditions over {@link IdleEvent}s, to state a recorded stream event by event, as JUnit's
 * {@code EventConditions} do for test events. Combine them with {@link #event}; compare a whole stream with
 * {@link EventRecorder#assertEventsMatchExactly}. Built-in type names are in {@link EventTypes}.
 *
 * <pre>{@code
 * recorder.assertEventsMatchExactly(
 *         runEvent(EventTypes.RUN_STARTED),
 *         stepEvent(EventTypes.STEP_STARTED, "Say"),
 *         event(type(EventTypes.CUSTOM), step("Say"), message("hello jdoe")),
 *         stepEvent(EventTypes.STEP_COMPLETED, "Say"),
 *         event(runLevel(), type(EventTypes.RUN_COMPLETED), data("status", "Completed")));
 * }</pre>
 */
public final class EventConditions {
    private EventConditions() {
    }

    /** All of {@code conditions}. */
    @SafeVarargs
    public static Condition<IdleEvent> event(Condition<? super IdleEvent>... conditions) {
        List<Condition<? super IdleEvent>> all = Arrays.asList(conditions);
        return new Condition<>(e -> all.stream().allMatch(c -> c.matches(e)), "event %s", all);
    }

    /** An event of exactly this type. */
    public static Condition<IdleEvent> type(String type) {
        return new Condition<>(e -> type.equals(e.type()), "type %s", type);
    }

    /** An event about the step of this name. */
    public static Condition<IdleEvent> step(String stepName) {
        return new Condition<>(e -> stepName.equals(e.stepName()), "step '%s'", stepName);
    }

    /** An event about the run as a whole: it names no step. */
    public static Condition<IdleEvent> runLevel() {
        return new Condition<>(e -> e.stepName() == null, "run level");
    }

    /** Exactly this message. */
    public static Condition<IdleEvent> message(String message) {
        return new Condition<>(e -> message.equals(e.message()), "message '%s'", message);
    }

    /** A message containing {@code part}. */
    public static Condition<IdleEvent> messageContaining(String part) {
        return new Condition<>(e -> e.message() != null && e.message().contains(part), "message containing '%s'",
                part);
    }

    /** {@code data} holds {@code key} with exactly this value (numbers as the engine wrote them, e.g. Integer). */
    public static Condition<IdleEvent> data(String key, Object value) {
        return new Condition<>(e -> e.data() != null && e.data().containsKey(key)
                && Objects.equals(value, e.data().get(key)), "data %s=%s", key, value);
    }

    /** {@code data} has exactly these keys, in any order. */
    public static Condition<IdleEvent> dataKeys(String... keys) {
        return new Condition<>(e -> e.data() != null && e.data().keySet().equals(Set.of(keys)),
                "data keys %s", Arrays.toString(keys));
    }

    /** An event of {@code type} about step {@code stepName}: {@code stepEvent(EventTypes.STEP_FAILED, "Disable")}. */
    public static Condition<IdleEvent> stepEvent(String type, String stepName) {
        return event(type(type), step(stepName));
    }

    /** A run-level event of {@code type}, e.g. {@code runEvent(EventTypes.RUN_STARTED)}. */
    public static Condition<IdleEvent> runEvent(String type) {
        return event(type(type), runLevel());
    }
}
