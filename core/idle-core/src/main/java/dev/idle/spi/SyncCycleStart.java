package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** What {@code StartSyncCycle} reports: whether a cycle was started, and a human-readable message. */
@API(status = STABLE, since = "0.1")
public record SyncCycleStart(boolean started, String message) {
}
