package dev.idle.steps;

import static dev.idle.steps.MailboxFixture.error;
import static dev.idle.steps.MailboxFixture.exchange;
import static dev.idle.steps.MailboxFixture.mockWithMailbox;
import static dev.idle.steps.MailboxFixture.run;
import static dev.idle.steps.MailboxFixture.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.RetryProfile;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.provider.mock.MockProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailboxGetInfoAndTypeStepTest {
    private static final String GET_INFO = workflow(MailboxGetInfoStep.TYPE, "IdentityKey = '{{Request.IdentityKeys.Id}}'");

    @Test
    void getInfoReportsTheMailboxAsStateAndNeverAChange() {
        StepOutcome s = run(GET_INFO, exchange(mockWithMailbox("Shared")));

        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(s.changed()).isFalse();
        DataMap mailbox = s.extras().getMap("State").getMap("Mailbox");
        assertThat(mailbox).containsEntry("IdentityKey", "jdoe@contoso.com")
                .containsEntry("PrimarySmtpAddress", "jdoe@contoso.com").containsEntry("DisplayName", "John Doe")
                .containsEntry("Type", "Shared").containsEntry("RecipientTypeDetails", "SharedMailbox")
                .containsKeys("UserPrincipalName", "RecipientType", "Guid");
    }

    @Test
    void getInfoFailsTheStepWhenTheIdentityHasNoMailbox() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(error(GET_INFO, exchange(mock))).isEqualTo("Mailbox 'jdoe' not found.");
    }

    @Test
    void mailboxStepsUseTheExchangeOnlineAliasByDefault() {
        Plan plan = new EngineFixture().plan(GET_INFO, "Leaver", exchange(mockWithMailbox("User")));

        assertThat(plan.steps().get(0).provider()).isEqualTo("ExchangeOnline");
    }

    @Test
    void explicitProviderAliasIsUsed() {
        MockProvider exo = mockWithMailbox("User");
        MockProvider other = mockWithMailbox("User");
        Providers providers = Providers.builder().provider("ExchangeOnline", exo).provider("Exo2", other).build();

        StepOutcome s = run(workflow(MailboxEnsureTypeStep.TYPE,
                "IdentityKey = 'jdoe'; MailboxType = 'Room'; Provider = 'Exo2'"), providers);

        assertThat(s.changed()).isTrue();
        assertThat(other.store().get("jdoe").mailbox()).containsEntry("type", "Room");
        assertThat(exo.store().get("jdoe").mailbox()).containsEntry("type", "User");
    }

    @Test
    void transientGetMailboxFailureIsRetried() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.mailbox("User"))
                .failOn("GetMailbox", 1).build();
        EngineFixture engine = new EngineFixture();
        Plan plan = engine.plan(GET_INFO, "Leaver", exchange(mock));

        ExecutionResult r = engine.idle.invoke(plan, exchange(mock), engine.events,
                ExecutionOptions.of("Fast", Map.of("Fast", new RetryProfile(3, 0, 1.0, 0, 0))));

        assertThat(EngineFixture.step(r, "Mailbox").status()).isEqualTo(StepStatus.Completed);
        assertThat(EngineFixture.step(r, "Mailbox").attempts()).isEqualTo(2);
    }

    @Test
    void ensureTypeConvertsTheMailboxThenReportsUnchangedOnTheSecondRun() {
        MockProvider mock = mockWithMailbox("User");
        String wf = workflow(MailboxEnsureTypeStep.TYPE, "IdentityKey = 'jdoe'; MailboxType = 'Shared'");

        assertThat(run(wf, exchange(mock)).changed()).isTrue();
        assertThat(mock.store().get("jdoe").mailbox()).containsEntry("type", "Shared");
        assertThat(run(wf, exchange(mock)).changed()).isFalse();
    }

    @Test
    void ensureTypeReportsUnchangedWhenMailboxIsAlreadyShared() {
        StepOutcome s = run(workflow(MailboxEnsureTypeStep.TYPE, "IdentityKey = 'jdoe'; MailboxType = 'shared'"),
                exchange(mockWithMailbox("Shared")));

        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(s.changed()).isFalse();
    }

    @Test
    void ensureTypeRejectsATypeOutsideTheFourKnownOnes() {
        MockProvider mock = mockWithMailbox("User");

        assertThat(error(workflow(MailboxEnsureTypeStep.TYPE, "IdentityKey = 'jdoe'; MailboxType = 'Archive'"),
                exchange(mock))).isEqualTo("Mailbox.Type.Ensure requires With.MailboxType to be one of: User, Shared,"
                + " Room, Equipment. Got: Archive");
        assertThat(mock.store().get("jdoe").mailbox()).containsEntry("type", "User");
    }

    @Test
    void mailboxPackRegistersAHandlerForEveryCatalogType() {
        MailboxSteps pack = new MailboxSteps();

        assertThat(pack.steps()).extracting(dev.idle.spi.Step::type)
                .containsExactlyInAnyOrderElementsOf(pack.catalog().stream().map(m -> m.type()).toList());
    }
}
