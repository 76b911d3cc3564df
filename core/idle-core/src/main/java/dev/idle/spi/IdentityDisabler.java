package dev.idle.spi;

/** Capability {@code IdLE.Identity.Disable}: method {@code DisableIdentity}; already disabled reports no change. */
@FunctionalInterface
public interface IdentityDisabler {
    ProviderResult disableIdentity(String identityKey, AuthSession session);
}
