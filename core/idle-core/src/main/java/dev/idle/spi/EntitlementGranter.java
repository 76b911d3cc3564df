package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Grants an entitlement to an identity; an existing grant reports no change. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Entitlement.Grant", method = "GrantEntitlement", access = Access.WRITE)
@FunctionalInterface
public interface EntitlementGranter {
    ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session);
}
