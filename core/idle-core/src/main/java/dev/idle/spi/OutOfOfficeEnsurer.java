package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Converges a mailbox's automatic replies. {@code config} holds {@code Mode} ({@code Disabled|Enabled|Scheduled}),
 * {@code Start}/{@code End} (when Scheduled), {@code InternalMessage}, {@code ExternalMessage},
 * {@code ExternalAudience}, {@code MessageFormat}; only the keys present are converged, and nothing is written when
 * nothing drifted.
 */
@API(status = STABLE, since = "0.1")
@CapabilityContract(id = "IdLE.Mailbox.OutOfOffice.Ensure", method = "EnsureOutOfOffice", access = Access.WRITE)
@FunctionalInterface
public interface OutOfOfficeEnsurer {
    ProviderResult ensureOutOfOffice(String identityKey, DataMap config, AuthSession session);
}
