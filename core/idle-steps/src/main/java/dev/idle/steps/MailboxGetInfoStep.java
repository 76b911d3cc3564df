package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Mailbox;
import dev.idle.spi.MailboxReader;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/**
 * {@code IdLE.Step.Mailbox.GetInfo}: reads a mailbox and reports it as {@code State.Mailbox} on the step result.
 * Read-only, so {@code changed} is always false; a missing mailbox fails the step.
 */
public final class MailboxGetInfoStep implements Step {
    public static final String TYPE = "IdLE.Step.Mailbox.GetInfo";
    private static final String LABEL = "Mailbox.GetInfo";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, LABEL, "IdentityKey");
        Mailbox mailbox = MailboxCalls.invoke(ctx, MailboxReader.class,
                (p, session) -> p.getMailbox(identityKey, session));
        return new StepResult(false,
                DataMap.of("State", DataMap.of("Mailbox", mailbox == null ? null : mailbox.toData())));
    }
}
