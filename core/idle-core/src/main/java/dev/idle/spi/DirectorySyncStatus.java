package dev.idle.spi;

/** Reads the state of the directory sync server {@code computerName}. */
@CapabilityContract(id = "IdLE.DirectorySync.Status", method = "GetSyncCycleState", access = Access.READ)
@FunctionalInterface
public interface DirectorySyncStatus {
    SyncCycleState getSyncCycleState(String computerName, AuthSession session);
}
