package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What {@code GetSyncCycleState} reports. {@code inProgress} is null when the backend could not tell (the step then
 * keeps waiting, as upstream does for a result without the member); {@code state} is e.g. {@code InProgress},
 * {@code Idle} or {@code Unknown}.
 */
@API(status = STABLE, since = "0.1")
public record SyncCycleState(Boolean inProgress, String state, DataMap details) {
    public SyncCycleState {
        details = details == null ? new DataMap() : details;
    }
}
