package dev.idle.spi;

/** Capability {@code IdLE.Identity.RevokeSessions}: method {@code RevokeSessions}; changed only when sessions were revoked. */
@FunctionalInterface
public interface SessionRevoker {
    ProviderResult revokeSessions(String identityKey, AuthSession session);
}
