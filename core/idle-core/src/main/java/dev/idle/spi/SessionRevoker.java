package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Signs an identity out everywhere; changed only when sessions were revoked. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.RevokeSessions", method = "RevokeSessions", access = Access.WRITE)
@FunctionalInterface
public interface SessionRevoker {
    ProviderResult revokeSessions(String identityKey, AuthSession session);
}
