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
                mailbox("IdLE.Step.Mailbox.GetInfo", List.of(INFO_READ), "IdentityKey"),
                mailbox("IdLE.Step.Mailbox.EnsureType", List.of(INFO_READ, "IdLE.Mailbox.Type.Ensure"),
                        "IdentityKey", "MailboxType"),
                mailbox("IdLE.Step.Mailbox.EnsureOutOfOffice", List.of(INFO_READ, "IdLE.Mailbox.OutOfOffice.Ensure"),
                        "IdentityKey", "Config"),
                mailbox("IdLE.Step.Mailbox.EnsurePermissions", List.of(INFO_READ, "IdLE.Mailbox.Permissions.Ensure"),
                        "IdentityKey", "Permissions"));
    }

    @Override
    public List<Step> steps() {
        return List.of();
    }

    private static StepMetadata mailbox(String type, List<String> capabilities, String... required) {
        return new StepMetadata(type, capabilities, List.of(required), PROVIDER_KEYS, DEFAULT_ALIAS);
    }
}
