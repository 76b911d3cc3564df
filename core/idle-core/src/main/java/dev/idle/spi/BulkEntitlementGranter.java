package dev.idle.spi;

import java.util.List;

/** Grants many entitlements in one backend round trip; the prune steps prefer it to one call per grant. */
@OptionalOperation(method = "BulkGrantEntitlements", access = Access.WRITE)
@FunctionalInterface
public interface BulkEntitlementGranter {
    List<BulkResult> bulkGrantEntitlements(String identityKey, List<Entitlement> entitlements, AuthSession session);
}
