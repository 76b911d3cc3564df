package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Disables an identity; already disabled reports no change. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.Disable", method = "DisableIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityDisabler {
    ProviderResult disableIdentity(String identityKey, AuthSession session);
}
