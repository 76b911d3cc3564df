package dev.idle.spi;

/** Grants an entitlement to an identity; an existing grant reports no change. */
@CapabilityContract(id = "IdLE.Entitlement.Grant", method = "GrantEntitlement", access = Access.WRITE)
@FunctionalInterface
public interface EntitlementGranter {
    ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session);
}
