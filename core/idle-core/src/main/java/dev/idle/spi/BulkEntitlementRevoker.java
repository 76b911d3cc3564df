package dev.idle.spi;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Revokes many entitlements in one backend round trip; the prune steps prefer it to one call per revoke. */
@API(status = STABLE, since = "0.1")
@OptionalOperation(method = "BulkRevokeEntitlements", access = Access.WRITE)
@FunctionalInterface
public interface BulkEntitlementRevoker {
    List<BulkResult> bulkRevokeEntitlements(String identityKey, List<Entitlement> entitlements, AuthSession session);
}
