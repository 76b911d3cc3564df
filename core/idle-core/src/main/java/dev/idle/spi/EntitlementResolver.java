package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Turns an entitlement named any way the backend accepts (a group's display name, sAMAccountName ...) into one with
 * the canonical id that {@code ListEntitlements} reports. Prune steps use it on their keep-set; an entitlement that
 * cannot be resolved is an error.
 */
@API(status = STABLE, since = "0.1")
@OptionalOperation(method = "ResolveEntitlement", access = Access.READ)
@FunctionalInterface
public interface EntitlementResolver {
    Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session);
}
