package dev.idle.steps;

import static dev.idle.steps.MailboxFixture.error;
import static dev.idle.steps.MailboxFixture.exchange;
import static dev.idle.steps.MailboxFixture.mockWithMailbox;
import static dev.idle.steps.MailboxFixture.run;
import static dev.idle.steps.MailboxFixture.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.provider.mock.MockProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MailboxEnsureOutOfOfficeStepTest {
    private static String oof(String config) {
        return workflow(MailboxEnsureOutOfOfficeStep.TYPE, "IdentityKey = 'jdoe'; Config = " + config);
    }

    @Test
    void enablingRepliesReportsChangedThenUnchangedOnTheSecondRun() {
        MockProvider mock = mockWithMailbox("User");
        String wf = oof("@{ Mode = 'Enabled'; InternalMessage = 'I am away.'; ExternalMessage = 'Away';"
                + " ExternalAudience = 'Known'; MessageFormat = 'Text' }");

        StepOutcome first = run(wf, exchange(mock));
        StepOutcome second = run(wf, exchange(mock));

        assertThat(first.status()).isEqualTo(StepStatus.Completed);
        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).isFalse();
        assertThat(mock.store().get("jdoe").mailbox().getMap("outOfOffice")).containsEntry("mode", "Enabled")
                .containsEntry("internalMessage", "I am away.").containsEntry("externalAudience", "Known");
    }

    @Test
    void scheduledRepliesStoreTheWindowAndToleratePlusMinusAMinute() {
        MockProvider mock = mockWithMailbox("User");

        assertThat(run(oof("@{ Mode = 'Scheduled'; Start = '2025-03-01T08:00:00Z'; End = '2025-03-10T17:00:00Z' }"),
                exchange(mock)).changed()).isTrue();
        assertThat(run(oof("@{ Mode = 'Scheduled'; Start = '2025-03-01T08:00:30Z'; End = '2025-03-10T17:00:00Z' }"),
                exchange(mock)).changed()).isFalse();
        assertThat(mock.store().get("jdoe").mailbox().getMap("outOfOffice"))
                .containsEntry("start", "2025-03-01T08:00:00Z").containsEntry("end", "2025-03-10T17:00:00Z");
    }

    @Test
    void htmlMessageDiffersOnlyInWrapperAndCaseIsNoChange() {
        MockProvider mock = mockWithMailbox("User");
        run(oof("@{ Mode = 'Enabled'; InternalMessage = '<html><body><p>Away</p></body></html>'; MessageFormat = 'Html' }"),
                exchange(mock));

        assertThat(run(oof("@{ Mode = 'Enabled'; InternalMessage = '<P>away</P>'; MessageFormat = 'Html' }"),
                exchange(mock)).changed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'not a map'|Mailbox.OutOfOffice.Ensure requires With.Config to be a hashtable.",
            "@{ InternalMessage = 'x' }|Mailbox.OutOfOffice.Ensure requires With.Config.Mode (Disabled, Enabled, or Scheduled).",
            "@{ Mode = 'Holiday' }|Mailbox.OutOfOffice.Ensure requires With.Config.Mode to be one of: Disabled, Enabled, Scheduled. Got: Holiday",
            "@{ Mode = 'scheduled'; End = '2025-01-02' }|Mailbox.OutOfOffice.Ensure with Mode 'Scheduled' requires With.Config.Start.",
            "@{ Mode = 'Scheduled'; Start = '2025-01-01' }|Mailbox.OutOfOffice.Ensure with Mode 'Scheduled' requires With.Config.End.",
            "@{ Mode = 'Enabled'; MessageFormat = 'Markdown' }|Mailbox.OutOfOffice.Ensure requires With.Config.MessageFormat to be one of: Text, Html. Got: Markdown",
    })
    void invalidConfigFailsTheStepWithoutTouchingTheMailbox(String config, String message) {
        MockProvider mock = mockWithMailbox("User");

        assertThat(error(oof(config), exchange(mock))).isEqualTo(message);
        assertThat(mock.store().get("jdoe").mailbox().get("outOfOffice")).isNull();
    }
}
