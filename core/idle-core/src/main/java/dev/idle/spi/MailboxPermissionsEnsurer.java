package dev.idle.spi;

import dev.idle.api.data.DataMap;
import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Converges the delegate permissions of a mailbox. Each entry holds {@code AssignedUser}, {@code Right}
 * ({@code FullAccess|SendAs|SendOnBehalf}) and {@code Ensure} ({@code Present|Absent}); only missing grants are added
 * and only present ones removed.
 */
@CapabilityContract(id = "IdLE.Mailbox.Permissions.Ensure", method = "EnsureMailboxPermissions",
        access = Access.WRITE)
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface MailboxPermissionsEnsurer {
    ProviderResult ensureMailboxPermissions(String identityKey, List<DataMap> permissions, AuthSession session);

    /**
     * The same, with the step's event writer so the provider can report what it evaluated and applied
     * (upstream injects the step's event sink into the provider). The default ignores the writer.
     */
    default ProviderResult ensureMailboxPermissions(String identityKey, List<DataMap> permissions,
                                                    AuthSession session, EventWriter events) {
        return ensureMailboxPermissions(identityKey, permissions, session);
    }
}
