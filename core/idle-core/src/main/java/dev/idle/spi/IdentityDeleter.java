package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Deletes an identity; an absent identity reports no change. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.Delete", method = "DeleteIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityDeleter {
    ProviderResult deleteIdentity(String identityKey, AuthSession session);
}
