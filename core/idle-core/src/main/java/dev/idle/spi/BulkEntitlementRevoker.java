package dev.idle.spi;

import java.util.List;

/** Optional method {@code BulkRevokeEntitlements}: revokes many entitlements in one backend round trip. */
@FunctionalInterface
public interface BulkEntitlementRevoker {
    List<BulkResult> bulkRevokeEntitlements(String identityKey, List<Entitlement> entitlements, AuthSession session);
}
