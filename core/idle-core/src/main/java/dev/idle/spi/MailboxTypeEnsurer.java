package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Converts a mailbox to another type. {@code desiredType} is one of {@code User}, {@code Shared}, {@code Room},
 * {@code Equipment} (any letter case); a mailbox already of that type reports no change.
 */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Mailbox.Type.Ensure", method = "EnsureMailboxType", access = Access.WRITE)
@FunctionalInterface
public interface MailboxTypeEnsurer {
    ProviderResult ensureMailboxType(String identityKey, String desiredType, AuthSession session);
}
