package dev.idle.spi;

/**
 * Capability {@code IdLE.Mailbox.Type.Ensure}: method {@code EnsureMailboxType}. {@code desiredType} is one of
 * {@code User}, {@code Shared}, {@code Room}, {@code Equipment} (any letter case); a mailbox already of that type
 * reports no change.
 */
@FunctionalInterface
public interface MailboxTypeEnsurer {
    ProviderResult ensureMailboxType(String identityKey, String desiredType, AuthSession session);
}
