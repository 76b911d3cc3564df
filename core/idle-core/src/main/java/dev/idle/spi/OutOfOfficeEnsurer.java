package dev.idle.spi;

import dev.idle.api.data.DataMap;

/**
 * Converges a mailbox's automatic replies. {@code config} holds {@code Mode} ({@code Disabled|Enabled|Scheduled}),
 * {@code Start}/{@code End} (when Scheduled), {@code InternalMessage}, {@code ExternalMessage},
 * {@code ExternalAudience}, {@code MessageFormat}; only the keys present are converged, and nothing is written when
 * nothing drifted.
 */
@CapabilityContract(id = "IdLE.Mailbox.OutOfOffice.Ensure", method = "EnsureOutOfOffice", access = Access.WRITE)
@FunctionalInterface
public interface OutOfOfficeEnsurer {
    ProviderResult ensureOutOfOffice(String identityKey, DataMap config, AuthSession session);
}
