package dev.idle.internal.exec;

import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventSink;
import dev.idle.api.event.IdleEvent;
import dev.idle.internal.redact.Redactor;
import dev.idle.internal.redact.SecretScrubber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the events of one run. Each event is redacted once, handed to the host's sink as it happens, then
 * buffered for the result; both see the same copy.
 */
final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private final EventSink sink;
    private final Clock clock;
    private final String correlationId;
    private final String actor;
    private final List<IdleEvent> buffer = new ArrayList<>();
    private final SecretScrubber scrubber;

    EventBus(EventSink sink, Clock clock, String correlationId, String actor, SecretScrubber scrubber) {
        this.scrubber = scrubber;
        this.sink = sink;
        this.clock = clock;
        this.correlationId = correlationId;
        this.actor = actor;
    }

    void emit(String type, String message, String stepName, DataMap data) {
        IdleEvent event = create(type, message, stepName, data);
        if (sink != null) {
            sink.write(event);
        }
        buffer.add(event);
    }

    private IdleEvent create(String type, String message, String stepName, DataMap data) {
        IdleEvent event = new IdleEvent(clock.instant(), type, scrubber.scrub(message), correlationId, actor, stepName,
                (DataMap) scrubber.scrubTree(Redactor.redactMap(data)));
        if (LOG.isDebugEnabled()) {
            LOG.debug("event {} step={} message={}", event.type(), event.stepName(), event.message());
        }
        return event;
    }

    /** For retry announcements: a failing sink must not turn a retry into a failure. */
    void emitQuietly(String type, String message, String stepName, DataMap data) {
        IdleEvent event = create(type, message, stepName, data);
        if (sink != null) {
            try {
                sink.write(event);
            } catch (RuntimeException ignored) {
                // IdLE ignores sink failures while announcing a retry; the event is still buffered.
            }
        }
        buffer.add(event);
    }

    /** How many events the run has so far; {@link #since} takes it. */
    int size() {
        return buffer.size();
    }

    /** The events emitted after the first {@code from}. */
    List<IdleEvent> since(int from) {
        return List.copyOf(buffer.subList(from, buffer.size()));
    }

    /**
     * Emits events recorded by an earlier attempt of this run (a step replayed from its checkpoint) as they were:
     * their timestamps and text are kept, and they were redacted when first created.
     */
    void replay(List<IdleEvent> recorded) {
        for (IdleEvent event : recorded) {
            if (sink != null) {
                sink.write(event);
            }
            buffer.add(event);
        }
    }

    List<IdleEvent> events() {
        return List.copyOf(buffer);
    }
}
