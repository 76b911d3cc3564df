package dev.idle.spi;

/**
 * Capability {@code IdLE.DirectorySync.Trigger}: method {@code StartSyncCycle}. {@code policyType} is {@code Delta}
 * or {@code Initial}; the provider validates both arguments (the step forwards them as given).
 */
@FunctionalInterface
public interface DirectorySyncTrigger {
    SyncCycleStart startSyncCycle(String policyType, String computerName, AuthSession session);
}
