package dev.idle.spi;

/**
 * Converts a mailbox to another type. {@code desiredType} is one of {@code User}, {@code Shared}, {@code Room},
 * {@code Equipment} (any letter case); a mailbox already of that type reports no change.
 */
@CapabilityContract(id = "IdLE.Mailbox.Type.Ensure", method = "EnsureMailboxType", access = Access.WRITE)
@FunctionalInterface
public interface MailboxTypeEnsurer {
    ProviderResult ensureMailboxType(String identityKey, String desiredType, AuthSession session);
}
