package dev.idle.spi;

/** Revokes an entitlement from an identity; a missing grant reports no change. */
@CapabilityContract(id = "IdLE.Entitlement.Revoke", method = "RevokeEntitlement", access = Access.WRITE)
@FunctionalInterface
public interface EntitlementRevoker {
    ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session);
}
