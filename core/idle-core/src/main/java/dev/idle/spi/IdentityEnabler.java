package dev.idle.spi;

/** Enables an identity; already enabled reports no change. */
@CapabilityContract(id = "IdLE.Identity.Enable", method = "EnableIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityEnabler {
    ProviderResult enableIdentity(String identityKey, AuthSession session);
}
