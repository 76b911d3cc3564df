package dev.idle.spi;

/** Deletes an identity; an absent identity reports no change. */
@CapabilityContract(id = "IdLE.Identity.Delete", method = "DeleteIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityDeleter {
    ProviderResult deleteIdentity(String identityKey, AuthSession session);
}
