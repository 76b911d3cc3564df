package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Reads the state of the directory sync server {@code computerName}. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.DirectorySync.Status", method = "GetSyncCycleState", access = Access.READ)
@FunctionalInterface
public interface DirectorySyncStatus {
    SyncCycleState getSyncCycleState(String computerName, AuthSession session);
}
