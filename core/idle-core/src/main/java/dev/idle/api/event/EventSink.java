package dev.idle.api.event;

/**
 * Receives each event as it happens (already redacted). An exception thrown here aborts the run, except while a
 * retry is being announced.
 *
 * <p>Stability: stable.
 */
@FunctionalInterface
public interface EventSink {
    void write(IdleEvent event);
}
