package dev.idle.api.event;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Receives each event as it happens (already redacted). An exception thrown here aborts the run, except while a
 * retry is being announced.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface EventSink {
    void write(IdleEvent event);
}
