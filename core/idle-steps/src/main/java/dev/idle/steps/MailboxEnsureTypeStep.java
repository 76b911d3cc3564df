package dev.idle.steps;

import dev.idle.spi.MailboxRules;
import dev.idle.spi.MailboxTypeEnsurer;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;
import java.util.List;

/**
 * {@code IdLE.Step.Mailbox.EnsureType}: converts a mailbox to {@code User}, {@code Shared}, {@code Room} or
 * {@code Equipment}; a mailbox already of that type is left alone ({@code changed: false}).
 */
public final class MailboxEnsureTypeStep implements Step {
    public static final String TYPE = "IdLE.Step.Mailbox.EnsureType";
    private static final List<String> TYPES = MailboxRules.TYPES;
    private static final String LABEL = "Mailbox.Type.Ensure";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, LABEL, "IdentityKey");
        String mailboxType = StepInputs.requireString(ctx, LABEL, "MailboxType");
        if (StepInputs.oneOf(mailboxType, TYPES) == null) {
            throw new IllegalArgumentException(LABEL + " requires With.MailboxType to be one of: "
                    + String.join(", ", TYPES) + ". Got: " + mailboxType);
        }
        // The value goes to the provider as written; providers compare types ignoring case.
        return StepResult.of(MailboxCalls.invoke(ctx, MailboxTypeEnsurer.class,
                (p, session) -> p.ensureMailboxType(identityKey, mailboxType, session)));
    }
}
