package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Sets one attribute of an identity; a null value clears it, an unchanged value reports no change. */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Identity.Attribute.Ensure", method = "EnsureAttribute", access = Access.WRITE)
@FunctionalInterface
public interface AttributeEnsurer {
    ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session);
}
