package dev.idle.spi;

/**
 * Reads an identity's mailbox; an absent mailbox is an error. {@code IdLE.Mailbox.Read} is the deprecated spelling
 * of the id.
 */
@CapabilityContract(id = "IdLE.Mailbox.Info.Read", method = "GetMailbox", access = Access.READ,
        aliases = "IdLE.Mailbox.Read")
@FunctionalInterface
public interface MailboxReader {
    Mailbox getMailbox(String identityKey, AuthSession session);
}
