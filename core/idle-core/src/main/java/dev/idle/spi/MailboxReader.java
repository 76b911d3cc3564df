package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Reads an identity's mailbox; an absent mailbox is an error. {@code IdLE.Mailbox.Read} is the deprecated spelling
 * of the id.
 */
@CapabilityContract(id = "IdLE.Mailbox.Info.Read", method = "GetMailbox", access = Access.READ,
        aliases = "IdLE.Mailbox.Read")
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface MailboxReader {
    Mailbox getMailbox(String identityKey, AuthSession session);
}
