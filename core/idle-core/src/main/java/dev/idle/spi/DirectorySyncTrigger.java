package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Starts a sync cycle on the directory sync server {@code computerName}. {@code policyType} is {@code Delta} or
 * {@code Initial}; the provider validates both arguments (the step forwards them as given).
 */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.DirectorySync.Trigger", method = "StartSyncCycle", access = Access.WRITE)
@FunctionalInterface
public interface DirectorySyncTrigger {
    SyncCycleStart startSyncCycle(String policyType, String computerName, AuthSession session);
}
