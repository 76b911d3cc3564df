package dev.idle.spi;

import dev.idle.api.data.DataMap;
import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Lists identities: the keys of all identities, or, when {@code filter} holds a non-blank {@code Search}, of those
 * whose name starts with it (what "name" means is the provider's: AD matches sAMAccountName and UPN, Entra ID the
 * UPN and display name). Each returned key is one {@link IdentityReader#getIdentity} accepts; backends with paged
 * APIs read every page. Never null. No built-in step calls it yet.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.List", method = "ListIdentities", access = Access.READ)
@FunctionalInterface
public interface IdentityLister {
    /** @param filter null or a map with an optional {@code Search} string */
    List<String> listIdentities(DataMap filter, AuthSession session);
}
