package dev.idle.spi;

import dev.idle.api.data.DataMap;

/**
 * What {@code GetSyncCycleState} reports. {@code inProgress} is null when the backend could not tell (the step then
 * keeps waiting, as upstream does for a result without the member); {@code state} is e.g. {@code InProgress},
 * {@code Idle} or {@code Unknown}.
 */
public record SyncCycleState(Boolean inProgress, String state, DataMap details) {
    public SyncCycleState {
        details = details == null ? new DataMap() : details;
    }
}
