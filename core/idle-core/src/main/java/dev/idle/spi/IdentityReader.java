package dev.idle.spi;

/** Capability {@code IdLE.Identity.Read}: method {@code GetIdentity}. */
@FunctionalInterface
public interface IdentityReader {
    /** @param session null when none was acquired or the method does not take one */
    Identity getIdentity(String identityKey, AuthSession session);
}
