package dev.idle.spi;

/** Signs an identity out everywhere; changed only when sessions were revoked. */
@CapabilityContract(id = "IdLE.Identity.RevokeSessions", method = "RevokeSessions", access = Access.WRITE)
@FunctionalInterface
public interface SessionRevoker {
    ProviderResult revokeSessions(String identityKey, AuthSession session);
}
