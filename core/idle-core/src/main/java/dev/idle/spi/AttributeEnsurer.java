package dev.idle.spi;

/** Capability {@code IdLE.Identity.Attribute.Ensure}: method {@code EnsureAttribute}; a null value clears the attribute. */
@FunctionalInterface
public interface AttributeEnsurer {
    ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session);
}
