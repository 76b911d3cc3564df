package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Moves an identity to another container (an OU, for directories). */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.Move", method = "MoveIdentity", access = Access.WRITE)
@FunctionalInterface
public interface IdentityMover {
    ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session);
}
