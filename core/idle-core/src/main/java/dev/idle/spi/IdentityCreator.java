package dev.idle.spi;

/** Creates an identity; an existing identity reports no change. */
@CapabilityContract(id = "IdLE.Identity.Create", method = "CreateIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityCreator {
    ProviderResult createIdentity(String identityKey, dev.idle.api.data.DataMap attributes, AuthSession session);
}
