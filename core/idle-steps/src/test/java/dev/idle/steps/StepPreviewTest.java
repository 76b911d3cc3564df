package dev.idle.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanPreview;
import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.provider.mock.MockProvider;
import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.AuthSession;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionRevoker;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreview.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each built-in step's preview against the mock provider: what it reads, the change it reports (summary as the
 * reviewer reads it) and no change where the backend already is as intended. The mock is never changed by a preview.
 */
class StepPreviewTest {
    private final Idle idle = Idle.create();

    /** A one-step Leaver workflow; {@code with} is the inside of the step's {@code With = @{ ... }}. */
    private static String workflow(String type, String with) {
        return """
                @{
                  Name = 'Preview test'
                  LifecycleEvent = 'Leaver'
                  Steps = @(
                    @{ Name = 'Step'; Type = '%s'; With = @{ IdentityKey = 'jdoe'; %s } }
                  )
                }
                """.formatted(type, with);
    }

    private StepPreview preview(String type, String with, Provider provider, String alias) {
        Providers providers = Providers.builder().provider(alias, provider).build();
        Plan plan = idle.plan(idle.parseWorkflow(workflow(type, with), "preview.psd1"),
                LifecycleRequest.create("Leaver", "corr-1", "tester", DataMap.of("Id", "jdoe"), new DataMap(),
                        new DataMap()), providers, "preview.psd1");
        PlanPreview preview = idle.preview(plan, providers);
        assertThat(preview.steps()).hasSize(1);
        return preview.steps().get(0).preview();
    }

    private StepPreview preview(String type, String with, Provider provider) {
        return preview(type, with, provider, "Identity");
    }

    private static List<String> summaries(StepPreview p) {
        return p.changes().stream().map(PreviewChange::summary).toList();
    }

    @Test
    void disablingAnEnabledIdentityShowsEnabledTrueToFalse() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        StepPreview p = preview(DisableIdentityStep.TYPE, "", mock);

        assertThat(p.status()).isEqualTo(Status.Changes);
        assertThat(summaries(p)).containsExactly("enabled: true → false");
        assertThat(mock.store().get("jdoe").enabled()).as("a preview changes nothing").isTrue();
    }

    @Test
    void disablingADisabledIdentityIsNoChange() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.enabled(false)).build();

        assertThat(preview(DisableIdentityStep.TYPE, "", mock).status()).isEqualTo(Status.NoChange);
    }

    @Test
    void enablingADisabledIdentityShowsEnabledFalseToTrue() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.enabled(false)).build();

        assertThat(summaries(preview(EnableIdentityStep.TYPE, "", mock))).containsExactly("enabled: false → true");
    }

    @Test
    void deletingAnExistingIdentityShowsItGoes() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(summaries(preview(DeleteIdentityStep.TYPE, "", mock)))
                .containsExactly("identity: exists → deleted");
        assertThat(mock.store().get("jdoe")).isNotNull();
    }

    @Test
    void deletingAnAbsentIdentityIsNoChange() {
        MockProvider mock = MockProvider.builder().build();

        assertThat(preview(DeleteIdentityStep.TYPE, "", mock).status()).isEqualTo(Status.NoChange);
    }

    @Test
    void creatingAnAbsentIdentityShowsItAndTheAttributesItGetsWithSecretsRedacted() {
        MockProvider mock = MockProvider.builder().build();

        StepPreview p = preview(CreateIdentityStep.TYPE,
                "Attributes = @{ Department = 'Sales'; Password = 'Initial-Secret-77' }", mock);

        assertThat(p.status()).isEqualTo(Status.Changes);
        assertThat(summaries(p)).startsWith("identity: absent → created", "Department: (not set) → Sales");
        assertThat(summaries(p).get(2)).startsWith("Password: ").contains("[REDACTED]")
                .doesNotContain("Initial-Secret-77");
        assertThat(mock.store().get("jdoe")).as("a preview creates nothing").isNull();
    }

    @Test
    void creatingAnExistingIdentityIsNoChange() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(preview(CreateIdentityStep.TYPE, "Attributes = @{ Department = 'Sales' }", mock).status())
                .isEqualTo(Status.NoChange);
    }

    @Test
    void revokingCountsTheSessionsDownToZero() {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.session("s1", "Outlook").session("s2", "Teams").session("s3", "Web")).build();

        StepPreview p = preview(RevokeIdentitySessionsStep.TYPE, "", mock);

        assertThat(summaries(p)).containsExactly("active sessions: 3 → 0");
        assertThat(p.changes().get(0).attribute()).isEqualTo("activeSessions");
        assertThat(p.changes().get(0).current()).isEqualTo(3);
        assertThat(mock.store().get("jdoe").sessions()).hasSize(3);
    }

    @Test
    void revokingWithoutSessionsIsNoChange() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(preview(RevokeIdentitySessionsStep.TYPE, "", mock).status()).isEqualTo(Status.NoChange);
    }

    @Test
    void aProviderThatCannotCountSessionsSaysAllWillBeRevoked() {
        StepPreview p = preview(RevokeIdentitySessionsStep.TYPE, "", new RevokeOnly());

        assertThat(p.status()).isEqualTo(Status.CannotRead);
        assertThat(p.note()).isEqualTo("sessions: cannot be listed; all will be revoked");
    }

    @Test
    void ensureAttributesShowsOnlyTheAttributesThatDiffer() {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.attribute("Department", "Sales").attribute("Title", "Engineer")).build();

        StepPreview p = preview(EnsureAttributesStep.TYPE,
                "Attributes = @{ Department = 'IT'; Title = 'ENGINEER'; Office = 'Berlin' }", mock);

        assertThat(summaries(p)).containsExactly("Department: Sales → IT", "Office: (not set) → Berlin");
        assertThat(mock.store().get("jdoe").attributes()).doesNotContainKey("Office");
    }

    @Test
    void ensureAttributesAlreadySetIsNoChange() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.attribute("Department", "IT")).build();

        assertThat(preview(EnsureAttributesStep.TYPE, "Attributes = @{ Department = 'it' }", mock).status())
                .isEqualTo(Status.NoChange);
    }

    @Test
    void aSecretNamedAttributeIsRedactedOnBothSidesAndInTheSummary() {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.attribute("PagerPin", "old-pin-8841")).build();

        StepPreview p = preview(EnsureAttributesStep.TYPE, "Attributes = @{ PagerPin = 'new-pin-9932' }", mock);

        assertThat(p.changes()).singleElement().satisfies(c -> {
            assertThat(c.current()).isEqualTo("[REDACTED]");
            assertThat(c.intended()).isEqualTo("[REDACTED]");
            assertThat(c.summary()).isEqualTo("PagerPin: [REDACTED] → [REDACTED]");
        });
    }

    @Test
    void ensureEntitlementPresentShowsTheGrant() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        StepPreview p = preview(EnsureEntitlementStep.TYPE,
                "Entitlement = @{ Kind = 'Group'; Id = 'Staff' }; State = 'Present'", mock);

        assertThat(summaries(p)).containsExactly("groups: +1 (Staff)");
        assertThat(p.changes().get(0).added()).containsExactly("Staff");
        assertThat(p.changes().get(0).removed()).isEmpty();
    }

    @Test
    void ensureEntitlementAbsentOfAHeldOneShowsTheRevoke() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "VPN")).build();

        StepPreview p = preview(EnsureEntitlementStep.TYPE,
                "Entitlement = @{ Kind = 'Group'; Id = 'vpn' }; State = 'Absent'", mock);

        assertThat(summaries(p)).containsExactly("groups: −1 (vpn)");
    }

    @Test
    void ensureEntitlementAlreadyPresentIsNoChange() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "Staff")).build();

        assertThat(preview(EnsureEntitlementStep.TYPE,
                "Entitlement = @{ Kind = 'Group'; Id = 'Staff' }; State = 'Present'", mock).status())
                .isEqualTo(Status.NoChange);
    }

    @Test
    void pruneListsWhatLeavesHonouringKeepAndKeepPattern() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "Sales")
                .entitlement("Group", "All-Staff").entitlement("Group", "VPN").entitlement("Group", "Finance")
                .entitlement("Group", "Keep-Me").entitlement("Role", "Admin")).build();

        StepPreview p = preview(PruneEntitlementsStep.TYPE,
                "Kind = 'Group'; Keep = @(@{ Id = 'All-Staff' }); KeepPattern = @('Keep-*')", mock);

        assertThat(p.changes()).singleElement().satisfies(c -> {
            assertThat(c.attribute()).isEqualTo("groups");
            assertThat(c.removed()).containsExactly("Finance", "Sales", "VPN");
            assertThat(c.summary()).isEqualTo("groups: −3 (Finance, Sales, VPN)");
        });
        assertThat(mock.store().get("jdoe").entitlements()).hasSize(6);
    }

    @Test
    void pruneEnsureKeepAlsoShowsTheKeepEntriesItWillGrant() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "Sales")).build();

        StepPreview p = preview(PruneEntitlementsEnsureKeepStep.TYPE, "Kind = 'Group'; Keep = @(@{ Id = 'Staff' })",
                mock);

        assertThat(summaries(p)).containsExactly("groups: −1 (Sales), +1 (Staff)");
    }

    @Test
    void pruneWithNothingToRemoveIsNoChange() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "Staff")).build();

        assertThat(preview(PruneEntitlementsStep.TYPE, "Kind = 'Group'; Keep = @(@{ Id = 'Staff' })", mock).status())
                .isEqualTo(Status.NoChange);
    }

    @Test
    void mailboxEnsureTypeShowsUserToShared() {
        MockProvider mock = MailboxFixture.mockWithMailbox("User");

        StepPreview p = preview(MailboxEnsureTypeStep.TYPE, "MailboxType = 'Shared'", mock, "ExchangeOnline");

        assertThat(summaries(p)).containsExactly("mailbox type: User → Shared");
        assertThat(p.changes().get(0).attribute()).isEqualTo("mailboxType");
    }

    @Test
    void mailboxAlreadySharedIsNoChange() {
        MockProvider mock = MailboxFixture.mockWithMailbox("Shared");

        assertThat(preview(MailboxEnsureTypeStep.TYPE, "MailboxType = 'shared'", mock, "ExchangeOnline").status())
                .isEqualTo(Status.NoChange);
    }

    @Test
    void aProviderWithoutTheReadSaysWhichMethodItLacks() {
        StepPreview p = preview(DisableIdentityStep.TYPE, "", new DisableOnly());

        assertThat(p.status()).isEqualTo(Status.CannotRead);
        assertThat(p.note()).isEqualTo("enabled: cannot be read (provider 'Identity' does not implement GetIdentity);"
                + " the step will set it to false.");
    }

    @Test
    void aFailedReadIsCannotReadWithTheProvidersMessage() {
        MockProvider mock = MockProvider.builder().build();

        StepPreview p = preview(DisableIdentityStep.TYPE, "", mock);

        assertThat(p.status()).isEqualTo(Status.CannotRead);
        assertThat(p.note()).contains("Identity 'jdoe' was not found in the mock provider.");
    }

    @Test
    void stepsWithoutAPreviewSayNotPreviewed() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(preview(MoveIdentityStep.TYPE, "TargetContainer = 'OU=Leavers'", mock).status())
                .isEqualTo(Status.NotPreviewed);
    }

    /** Can revoke, cannot count. */
    private static final class RevokeOnly implements Provider, SessionRevoker {
        @Override
        public ProviderResult revokeSessions(String identityKey, AuthSession session) {
            throw new AssertionError("a preview must not revoke");
        }
    }

    /** Can disable (and set attributes), cannot read. */
    private static final class DisableOnly implements Provider, IdentityDisabler, AttributeEnsurer {
        @Override
        public ProviderResult disableIdentity(String identityKey, AuthSession session) {
            throw new AssertionError("a preview must not disable");
        }

        @Override
        public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
            throw new AssertionError("a preview must not write");
        }
    }
}
