package dev.idle.spi;

/** Capability {@code IdLE.Entitlement.List}: method {@code ListEntitlements}; never null. */
@FunctionalInterface
public interface EntitlementLister {
    java.util.List<Entitlement> listEntitlements(String identityKey, AuthSession session);
}
