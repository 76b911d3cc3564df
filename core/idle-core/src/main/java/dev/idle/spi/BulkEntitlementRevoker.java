package dev.idle.spi;

import java.util.List;

/** Revokes many entitlements in one backend round trip; the prune steps prefer it to one call per revoke. */
@OptionalOperation(method = "BulkRevokeEntitlements", access = Access.WRITE)
@FunctionalInterface
public interface BulkEntitlementRevoker {
    List<BulkResult> bulkRevokeEntitlements(String identityKey, List<Entitlement> entitlements, AuthSession session);
}
