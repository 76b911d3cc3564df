package dev.idle.steps;

import dev.idle.spi.Mailbox;
import dev.idle.spi.MailboxReader;
import dev.idle.spi.MailboxRules;
import dev.idle.spi.MailboxTypeEnsurer;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;
import dev.idle.spi.StepResult;
import java.util.List;

/**
 * {@code IdLE.Step.Mailbox.EnsureType}: converts a mailbox to {@code User}, {@code Shared}, {@code Room} or
 * {@code Equipment}; a mailbox already of that type is left alone ({@code changed: false}).
 */
public final class MailboxEnsureTypeStep implements Step, StepPreviewer {
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
        String mailboxType = mailboxType(ctx.with());
        // The value goes to the provider as written; providers compare types ignoring case.
        return StepResult.of(MailboxCalls.invoke(ctx, MailboxTypeEnsurer.class,
                (p, session) -> p.ensureMailboxType(identityKey, mailboxType, session)));
    }

    /**
     * Preview: {@code mailbox type: User → Shared} from {@code GetMailbox} (types compared ignoring case), with the
     * session the handler would use ({@link MailboxCalls}: the alias's own when the host defines one).
     */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        String identityKey = StepInputs.requireString(ctx.with(), LABEL, "IdentityKey");
        String mailboxType = mailboxType(ctx.with());
        String alias = StepPreviews.alias(ctx, MailboxSteps.DEFAULT_ALIAS);
        if (!ctx.canRead(alias, MailboxReader.class)) {
            return StepPreviews.lacking("mailbox type", alias, MailboxReader.class, "the step will make it "
                    + mailboxType + ".");
        }
        String session = ctx.with().containsKey("AuthSessionName") ? ctx.with().getString("AuthSessionName")
                : ctx.definesAuthSession(alias) ? alias : null;
        Mailbox mailbox = ctx.read(alias, session, MailboxReader.class, (p, s) -> p.getMailbox(identityKey, s));
        return mailbox.type() != null && mailbox.type().equalsIgnoreCase(mailboxType) ? StepPreview.noChange()
                : StepPreview.of(PreviewChange.value("mailboxType", "mailbox type", mailbox.type(), mailboxType));
    }

    private static String mailboxType(dev.idle.api.data.DataMap with) {
        String mailboxType = StepInputs.requireString(with, LABEL, "MailboxType");
        if (StepInputs.oneOf(mailboxType, TYPES) == null) {
            throw new IllegalArgumentException(LABEL + " requires With.MailboxType to be one of: "
                    + String.join(", ", TYPES) + ". Got: " + mailboxType);
        }
        return mailboxType;
    }
}
