package dev.idle.testkit;

import dev.idle.api.event.EventSink;
import dev.idle.api.event.IdleEvent;
import java.util.ArrayList;
import java.util.List;

/** An {@link EventSink} that keeps every event it receives, for asserting the event stream of a run. */
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
}
