package dev.idle.spi;

/** Capability {@code IdLE.Mailbox.Info.Read}: method {@code GetMailbox}; an absent mailbox is an error. */
@FunctionalInterface
public interface MailboxReader {
    Mailbox getMailbox(String identityKey, AuthSession session);
}
