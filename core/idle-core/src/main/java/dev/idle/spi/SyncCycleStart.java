package dev.idle.spi;

/** What {@code StartSyncCycle} reports: whether a cycle was started, and a human-readable message. */
public record SyncCycleStart(boolean started, String message) {
}
