package dev.idle.spi;

/** Sets one attribute of an identity; a null value clears it, an unchanged value reports no change. */
@CapabilityContract(id = "IdLE.Identity.Attribute.Ensure", method = "EnsureAttribute", access = Access.WRITE)
@FunctionalInterface
public interface AttributeEnsurer {
    ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session);
}
