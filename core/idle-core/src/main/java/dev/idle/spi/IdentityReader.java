package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Reads one identity: its enabled flag and attributes. An unknown key is an error. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.Read", method = "GetIdentity", access = Access.READ)
@FunctionalInterface
public interface IdentityReader {
    /** @param session null when none was acquired or the method does not take one */
    Identity getIdentity(String identityKey, AuthSession session);
}
