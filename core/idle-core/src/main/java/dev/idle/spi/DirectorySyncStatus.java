package dev.idle.spi;

/** Capability {@code IdLE.DirectorySync.Status}: method {@code GetSyncCycleState}. */
@FunctionalInterface
public interface DirectorySyncStatus {
    SyncCycleState getSyncCycleState(String computerName, AuthSession session);
}
