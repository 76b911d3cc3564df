package dev.idle.spi;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Lists the entitlements an identity holds; never null. */
@API(status = STABLE, since = "0.1")
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
