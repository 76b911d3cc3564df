package dev.idle.spi;

/** Capability {@code IdLE.Entitlement.Revoke}: method {@code RevokeEntitlement}; a missing grant reports no change. */
@FunctionalInterface
public interface EntitlementRevoker {
    ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session);
}
