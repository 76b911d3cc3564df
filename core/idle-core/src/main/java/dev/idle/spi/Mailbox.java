package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A mailbox as a provider reads it. {@code identityKey} is the mailbox's primary SMTP address (what every write
 * targets); {@code type} is normalised to {@code User}, {@code Shared}, {@code Room} or {@code Equipment} where the
 * backend's recipient type maps to one, else the raw value.
 */
@API(status = STABLE, since = "0.1")
public record Mailbox(String identityKey, String primarySmtpAddress, String userPrincipalName, String displayName,
                      String type, String recipientType, String recipientTypeDetails, String guid) {

    /** The data-tree form ({@code IdentityKey}, {@code PrimarySmtpAddress}, ..., {@code Guid}). */
    public DataMap toData() {
        return DataMap.of("IdentityKey", identityKey, "PrimarySmtpAddress", primarySmtpAddress,
                "UserPrincipalName", userPrincipalName, "DisplayName", displayName, "Type", type,
                "RecipientType", recipientType, "RecipientTypeDetails", recipientTypeDetails, "Guid", guid);
    }
}
