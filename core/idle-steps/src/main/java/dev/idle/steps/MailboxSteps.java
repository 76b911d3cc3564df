package dev.idle.steps;

import static dev.idle.spi.StepMetadata.PROVIDER_KEYS;

import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.List;

/** {@code IdLE.Steps.Mailbox}: mailbox steps; their default provider alias is {@code ExchangeOnline}. */
public final class MailboxSteps implements StepPack {
    static final String DEFAULT_ALIAS = "ExchangeOnline";
    private static final String INFO_READ = "IdLE.Mailbox.Info.Read";

    @Override
    public String name() {
        return "IdLE.Steps.Mailbox";
    }

    @Override
    public List<StepMetadata> catalog() {
        return List.of(
                mailbox(MailboxGetInfoStep.TYPE, List.of(INFO_READ), "IdentityKey"),
                mailbox(MailboxEnsureTypeStep.TYPE, List.of(INFO_READ, "IdLE.Mailbox.Type.Ensure"),
                        "IdentityKey", "MailboxType"),
                mailbox(MailboxEnsureOutOfOfficeStep.TYPE, List.of(INFO_READ, "IdLE.Mailbox.OutOfOffice.Ensure"),
                        "IdentityKey", "Config"),
                mailbox(MailboxEnsurePermissionsStep.TYPE, List.of(INFO_READ, "IdLE.Mailbox.Permissions.Ensure"),
                        "IdentityKey", "Permissions"));
    }

    @Override
    public List<Step> steps() {
        return List.of(new MailboxGetInfoStep(), new MailboxEnsureTypeStep(), new MailboxEnsureOutOfOfficeStep(),
                new MailboxEnsurePermissionsStep());
    }

    private static StepMetadata mailbox(String type, List<String> capabilities, String... required) {
        return new StepMetadata(type, capabilities, List.of(required), PROVIDER_KEYS, DEFAULT_ALIAS);
    }
}
