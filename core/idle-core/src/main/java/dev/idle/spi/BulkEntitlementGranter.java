package dev.idle.spi;

import java.util.List;

/** Optional method {@code BulkGrantEntitlements}: grants many entitlements in one backend round trip. */
@FunctionalInterface
public interface BulkEntitlementGranter {
    List<BulkResult> bulkGrantEntitlements(String identityKey, List<Entitlement> entitlements, AuthSession session);
}
