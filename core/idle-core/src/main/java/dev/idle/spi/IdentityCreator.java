package dev.idle.spi;

/** Capability {@code IdLE.Identity.Create}: method {@code CreateIdentity}; an existing identity reports no change. */
@FunctionalInterface
public interface IdentityCreator {
    ProviderResult createIdentity(String identityKey, dev.idle.api.data.DataMap attributes, AuthSession session);
}
