package dev.idle.spi;

import java.util.List;

/** Lists the entitlements an identity holds; never null. */
@CapabilityContract(id = "IdLE.Entitlement.List", method = "ListEntitlements", access = Access.READ)
@FunctionalInterface
public interface EntitlementLister {
    List<Entitlement> listEntitlements(String identityKey, AuthSession session);

    /**
     * Only the entitlements of {@code kind}, for backends that can filter on their side (upstream's optional
     * {@code Kind} parameter). Callers still filter the answer; the default lists everything.
     */
    default List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        return listEntitlements(identityKey, session);
    }
}
