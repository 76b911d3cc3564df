package dev.idle.spi;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Grants many entitlements in one backend round trip; the prune steps prefer it to one call per grant. */
@API(status = STABLE, since = "0.1")
@OptionalOperation(method = "BulkGrantEntitlements", access = Access.WRITE)
@FunctionalInterface
public interface BulkEntitlementGranter {
    List<BulkResult> bulkGrantEntitlements(String identityKey, List<Entitlement> entitlements, AuthSession session);
}
