package dev.idle.steps;

import static dev.idle.steps.MailboxFixture.error;
import static dev.idle.steps.MailboxFixture.exchange;
import static dev.idle.steps.MailboxFixture.mockWithMailbox;
import static dev.idle.steps.MailboxFixture.run;
import static dev.idle.steps.MailboxFixture.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionResult;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.event.IdleEvent;
import dev.idle.provider.mock.MockProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailboxEnsurePermissionsStepTest {
    private static String perms(String permissions) {
        return workflow(MailboxEnsurePermissionsStep.TYPE, "IdentityKey = 'jdoe'; Permissions = " + permissions);
    }

    private static List<?> stored(MockProvider mock) {
        return (List<?>) mock.store().get("jdoe").mailbox().get("permissions");
    }

    @Test
    void grantsReportChangedThenUnchangedOnTheSecondRun() {
        MockProvider mock = mockWithMailbox("Shared");
        String wf = perms("@( @{ AssignedUser = 'ann@contoso.com'; Right = 'FullAccess'; Ensure = 'Present' };"
                + " @{ AssignedUser = 'bob@contoso.com'; Right = 'SendAs'; Ensure = 'Present' } )");

        assertThat(run(wf, exchange(mock)).changed()).isTrue();
        assertThat(run(wf, exchange(mock)).changed()).isFalse();
        assertThat(stored(mock)).isEqualTo(List.of(DataMap.of("delegate", "ann@contoso.com", "right", "FullAccess"),
                DataMap.of("delegate", "bob@contoso.com", "right", "SendAs")));
    }

    @Test
    void singleMapIsTakenAsAOneEntryList() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.mailbox("Shared")
                .mailboxPermission("ann@contoso.com", "SendOnBehalf")).build();

        StepOutcome s = run(perms("@{ AssignedUser = 'ANN@contoso.com'; Right = 'SendOnBehalf'; Ensure = 'Absent' }"),
                exchange(mock));

        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(s.changed()).isTrue();
        assertThat(stored(mock)).isEmpty();
    }

    @Test
    void emptyListIsAValidNoOp() {
        MockProvider mock = mockWithMailbox("Shared");

        StepOutcome s = run(perms("@()"), exchange(mock));

        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(s.changed()).isFalse();
    }

    @Test
    void providerEventsReachTheRunsEventStreamUnderTheStepName() {
        EngineFixture engine = new EngineFixture();
        MockProvider mock = mockWithMailbox("Shared");

        ExecutionResult r = engine.run(perms("@{ AssignedUser = 'ann@contoso.com'; Right = 'SendAs'; Ensure = 'Present' }"),
                "Leaver", exchange(mock));

        assertThat(EngineFixture.step(r, "Mailbox").changed()).isTrue();
        assertThat(engine.events.types()).containsSubsequence("StepStarted",
                "Provider.ExchangeOnline.Permissions.Evaluated", "Provider.ExchangeOnline.Permissions.Applying",
                "Provider.ExchangeOnline.Permissions.Result", "StepCompleted");
        IdleEvent applying = engine.events.ofType("Provider.ExchangeOnline.Permissions.Applying").get(0);
        assertThat(applying.stepName()).isEqualTo("Mailbox");
        assertThat(applying.data()).containsEntry("mailboxSmtp", "jdoe@contoso.com").containsEntry("right", "SendAs")
                .containsEntry("user", "ann@contoso.com").containsEntry("action", "Add");
        assertThat(engine.events.ofType("Provider.ExchangeOnline.Permissions.Result").get(0).data())
                .containsEntry("changed", true);
    }

    @Test
    void nullPermissionsFailTheStep() {
        assertThat(error(perms("$null"), exchange(mockWithMailbox("Shared"))))
                .isEqualTo("Mailbox.Permissions.Ensure requires With.Permissions to be an array.");
    }

    /** Each invalid entry follows a valid one: the step validates every entry before the provider changes any. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'ann@contoso.com'|Mailbox.Permissions.Ensure: each Permissions entry must be a hashtable.",
            "$null|Mailbox.Permissions.Ensure: each Permissions entry must be a hashtable.",
            "@{ Right = 'SendAs'; Ensure = 'Present' }|Mailbox.Permissions.Ensure: each Permissions entry requires 'AssignedUser'.",
            "@{ AssignedUser = 'a'; Ensure = 'Present' }|Mailbox.Permissions.Ensure: each Permissions entry requires 'Right'.",
            "@{ AssignedUser = 'a'; Right = 'SendAs' }|Mailbox.Permissions.Ensure: each Permissions entry requires 'Ensure'.",
            "@{ AssignedUser = 'a'; Right = 'Owner'; Ensure = 'Present' }|Mailbox.Permissions.Ensure: Right must be one of: FullAccess, SendAs, SendOnBehalf. Got: Owner",
            "@{ AssignedUser = 'a'; Right = 'SendAs'; Ensure = 'Maybe' }|Mailbox.Permissions.Ensure: Ensure must be one of: Present, Absent. Got: Maybe",
    })
    void invalidEntryFailsTheStepBeforeAnyChange(String invalidEntry, String message) {
        MockProvider mock = mockWithMailbox("Shared");
        String wf = perms("@( @{ AssignedUser = 'ok@contoso.com'; Right = 'FullAccess'; Ensure = 'Present' }; "
                + invalidEntry + " )");

        assertThat(error(wf, exchange(mock))).isEqualTo(message);
        assertThat(stored(mock)).isEmpty();
    }
}
