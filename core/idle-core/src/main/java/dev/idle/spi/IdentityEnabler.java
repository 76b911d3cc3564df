package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Enables an identity; already enabled reports no change. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.Enable", method = "EnableIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityEnabler {
    ProviderResult enableIdentity(String identityKey, AuthSession session);
}
