package dev.idle.spi;

/** Capability {@code IdLE.Entitlement.Grant}: method {@code GrantEntitlement}; an existing grant reports no change. */
@FunctionalInterface
public interface EntitlementGranter {
    ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session);
}
