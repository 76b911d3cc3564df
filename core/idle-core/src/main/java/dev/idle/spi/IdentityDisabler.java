package dev.idle.spi;

/** Disables an identity; already disabled reports no change. */
@CapabilityContract(id = "IdLE.Identity.Disable", method = "DisableIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityDisabler {
    ProviderResult disableIdentity(String identityKey, AuthSession session);
}
