package dev.idle.spi;

/** Capability {@code IdLE.Identity.Enable}: method {@code EnableIdentity}; already enabled reports no change. */
@FunctionalInterface
public interface IdentityEnabler {
    ProviderResult enableIdentity(String identityKey, AuthSession session);
}
