package dev.idle.spi;

/** Capability {@code IdLE.Identity.Move}: method {@code MoveIdentity}. */
@FunctionalInterface
public interface IdentityMover {
    ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session);
}
