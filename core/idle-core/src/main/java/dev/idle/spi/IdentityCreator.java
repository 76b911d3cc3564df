package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Creates an identity; an existing identity reports no change. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.Create", method = "CreateIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityCreator {
    ProviderResult createIdentity(String identityKey, dev.idle.api.data.DataMap attributes, AuthSession session);
}
