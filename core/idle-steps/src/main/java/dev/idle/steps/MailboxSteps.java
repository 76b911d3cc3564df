package dev.idle.steps;

import static dev.idle.spi.StepMetadata.PROVIDER_KEYS;
import static dev.idle.steps.CommonSteps.ids;

import dev.idle.spi.Capability;
import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.List;

/** {@code IdLE.Steps.Mailbox}: mailbox steps; their default provider alias is {@code ExchangeOnline}. */
public final class MailboxSteps implements StepPack {
    static final String DEFAULT_ALIAS = "ExchangeOnline";

    @Override
    public String name() {
        return "IdLE.Steps.Mailbox";
    }

    @Override
    public List<StepMetadata> catalog() {
        return List.of(
                mailbox(MailboxGetInfoStep.TYPE, ids(Capability.MAILBOX_INFO_READ), "IdentityKey"),
                mailbox(MailboxEnsureTypeStep.TYPE, ids(Capability.MAILBOX_INFO_READ, Capability.MAILBOX_TYPE_ENSURE),
                        "IdentityKey", "MailboxType"),
                mailbox(MailboxEnsureOutOfOfficeStep.TYPE, ids(Capability.MAILBOX_INFO_READ,
                        Capability.MAILBOX_OUT_OF_OFFICE_ENSURE), "IdentityKey", "Config"),
                mailbox(MailboxEnsurePermissionsStep.TYPE, ids(Capability.MAILBOX_INFO_READ,
                        Capability.MAILBOX_PERMISSIONS_ENSURE), "IdentityKey", "Permissions"));
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
