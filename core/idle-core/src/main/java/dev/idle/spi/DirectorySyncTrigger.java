package dev.idle.spi;

/**
 * Starts a sync cycle on the directory sync server {@code computerName}. {@code policyType} is {@code Delta} or
 * {@code Initial}; the provider validates both arguments (the step forwards them as given).
 */
@CapabilityContract(id = "IdLE.DirectorySync.Trigger", method = "StartSyncCycle", access = Access.WRITE)
@FunctionalInterface
public interface DirectorySyncTrigger {
    SyncCycleStart startSyncCycle(String policyType, String computerName, AuthSession session);
}
