package dev.idle.spi;

/**
 * Turns an entitlement named any way the backend accepts (a group's display name, sAMAccountName ...) into one with
 * the canonical id that {@code ListEntitlements} reports. Prune steps use it on their keep-set; an entitlement that
 * cannot be resolved is an error.
 */
@OptionalOperation(method = "ResolveEntitlement", access = Access.READ)
@FunctionalInterface
public interface EntitlementResolver {
    Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session);
}
