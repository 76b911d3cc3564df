package dev.idle.testkit;

import dev.idle.api.event.EventSink;
import dev.idle.api.event.IdleEvent;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.Condition;

/**
 * An {@link EventSink} that keeps every event it receives, for asserting the event stream of a run: by type
 * ({@link #types()}, {@link #ofType}) or event by event with {@link EventConditions}
 * ({@link #assertEventsMatchExactly}). Thread-safe.
 */
public final class EventRecorder implements EventSink {
    private final List<IdleEvent> events = new ArrayList<>();

    @Override
    public synchronized void write(IdleEvent event) {
        events.add(event);
    }

    public synchronized List<IdleEvent> events() {
        return List.copyOf(events);
    }

    /** The event types in order. */
    public synchronized List<String> types() {
        return events.stream().map(IdleEvent::type).toList();
    }

    /** The events of one type, in order. */
    public synchronized List<IdleEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /**
     * Asserts the whole recorded stream: exactly one event per condition, in order. A failure names the event that
     * did not match and lists the stream.
     */
    @SafeVarargs
    public final void assertEventsMatchExactly(Condition<? super IdleEvent>... conditions) {
        List<IdleEvent> recorded = events();
        String stream = "events " + recorded.stream()
                .map(e -> e.type() + (e.stepName() == null ? "" : "[" + e.stepName() + "]")).toList();
        Assertions.assertThat(recorded).as(stream).hasSize(conditions.length);
        for (int i = 0; i < conditions.length; i++) {
            Assertions.assertThat(recorded.get(i)).as("event %d of %s", i, stream).is(conditions[i]);
        }
    }
}
