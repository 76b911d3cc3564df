package dev.idle.spi;

/** Moves an identity to another container (an OU, for directories). */
@CapabilityContract(id = "IdLE.Identity.Move", method = "MoveIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityMover {
    ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session);
}
