package dev.idle.spi;

/** Capability {@code IdLE.Identity.Delete}: method {@code DeleteIdentity}; an absent identity reports no change. */
@FunctionalInterface
public interface IdentityDeleter {
    ProviderResult deleteIdentity(String identityKey, AuthSession session);
}
