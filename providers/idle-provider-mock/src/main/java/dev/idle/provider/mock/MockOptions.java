package dev.idle.provider.mock;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-alias settings of a mock provider (the store is shared, these are not).
 *
 * @param capabilities            what it advertises
 * @param failOn                  canonical method name → how many calls fail transiently
 * @param failPermanentlyOn       canonical method names that always fail non-transiently
 * @param identityKeyAttribute    attribute that identifies an identity besides its key, or null
 * @param autoCreate              whether methods other than CreateIdentity create an unknown identity (upstream Mock)
 * @param protectedEntitlementIds entitlement ids RevokeEntitlement refuses to remove
 * @param syncPollsUntilIdle      how many GetSyncCycleState calls report a started sync cycle as still in progress
 */
record MockOptions(List<String> capabilities, Map<String, Integer> failOn, Set<String> failPermanentlyOn,
                   String identityKeyAttribute, boolean autoCreate, List<String> protectedEntitlementIds,
                   int syncPollsUntilIdle) {
    MockOptions {
        capabilities = List.copyOf(capabilities);
        failOn = Map.copyOf(failOn);
        failPermanentlyOn = Set.copyOf(failPermanentlyOn);
        protectedEntitlementIds = List.copyOf(protectedEntitlementIds);
    }

    boolean isProtected(String entitlementId) {
        return protectedEntitlementIds.stream().anyMatch(entitlementId::equalsIgnoreCase);
    }
}
