package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Revokes an entitlement from an identity; a missing grant reports no change. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Entitlement.Revoke", method = "RevokeEntitlement", access = Access.WRITE)
@FunctionalInterface
public interface EntitlementRevoker {
    ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session);
}
