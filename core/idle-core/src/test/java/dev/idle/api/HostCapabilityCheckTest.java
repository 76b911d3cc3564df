package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.data.DataMap;
import dev.idle.testing.RecordingProviderFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host load holds each provider to the capability definitions ({@code recording} implements no capability). */
class HostCapabilityCheckTest {
    @TempDir
    Path dir;

    private Host load(DataMap providers) {
        return Host.fromData(DataMap.of("providers", providers), dir, "host.yaml", Map.<String, String>of()::get);
    }

    @Test
    void providerAdvertisingAnUnimplementedCapabilityIsRejectedAtHostLoad() {
        DataMap providers = DataMap.of("Identity", DataMap.of("type", "Recording",
                "advertise", List.of("IdLE.Identity.RevokeSessions")));

        IdleInputException e = catchThrowableOfType(() -> load(providers), IdleInputException.class);

        assertThat(e).hasMessageStartingWith("host.yaml: invalid host file");
        assertThat(e.problems()).containsExactly("host.yaml: providers.Identity: Provider 'Identity' (type"
                + " 'Recording', " + RecordingProviderFactory.Created.class.getName() + ") advertises capability"
                + " 'IdLE.Identity.RevokeSessions' (needs SessionRevoker.RevokeSessions) but does not implement it."
                + " Implement the interface or stop advertising the capability.");
    }

    @Test
    void everyRefusedProviderIsReportedAndTheOthersLoadNothing() {
        DataMap providers = DataMap.of(
                "A", DataMap.of("type", "recording", "advertise", List.of("IdLE.Entitlement.Prune")),
                "B", DataMap.of("type", "recording", "advertise", List.of("IdLE.Mailbox.Read")),
                "C", DataMap.of("type", "recording"));

        IdleInputException e = catchThrowableOfType(() -> load(providers), IdleInputException.class);

        assertThat(e.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("host.yaml: providers.A: Provider 'A'")
                        .contains("'IdLE.Entitlement.Prune' (needs EntitlementLister.ListEntitlements,"
                                + " EntitlementRevoker.RevokeEntitlement)"))
                .anySatisfy(p -> assertThat(p).startsWith("host.yaml: providers.B: Provider 'B'")
                        .contains("'IdLE.Mailbox.Info.Read' (needs MailboxReader.GetMailbox)"));
    }

    @Test
    void capabilitiesWithoutAKnownDefinitionPassTheHostLoadCheck() {
        DataMap providers = DataMap.of("Badges", DataMap.of("type", "recording", "advertise",
                List.of("Acme.Badge.Revoke")));

        try (Host host = load(providers)) {
            assertThat(host.providers().get("Badges").capabilities()).containsExactly("Acme.Badge.Revoke");
        }
    }
}
