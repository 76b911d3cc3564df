package dev.idle.steps;

import static dev.idle.steps.MailboxFixture.exchange;
import static dev.idle.steps.MailboxFixture.mockWithMailbox;
import static dev.idle.steps.MailboxFixture.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.provider.mock.MockProvider;
import dev.idle.provider.mock.ReceivedSession;
import dev.idle.steps.MailboxFixture.DirectContext;
import dev.idle.testkit.RecordingBroker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which session a mailbox step asks for, and the run-time checks a directly called handler still makes. */
class MailboxAuthSessionTest {
    private static final String ENSURE_TYPE =
            workflow(MailboxEnsureTypeStep.TYPE, "IdentityKey = 'jdoe'; MailboxType = 'Shared'");

    private final EngineFixture engine = new EngineFixture();

    private StepOutcome runStep(String wf, Providers providers) {
        return EngineFixture.step(engine.run(wf, "Leaver", providers), "Mailbox");
    }

    @Test
    void hostSessionNamedLikeTheAliasIsAcquiredAndPassedWhenAuthSessionNameIsOmitted() {
        MockProvider mock = mockWithMailbox("User");
        RecordingBroker broker = new RecordingBroker();
        Providers providers = Providers.builder().provider("ExchangeOnline", mock).broker(broker).build();

        StepOutcome s = runStep(ENSURE_TYPE, providers);

        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(broker.requests()).extracting(RecordingBroker.Request::name).containsExactly("ExchangeOnline");
        assertThat(mock.receivedSessions()).extracting(ReceivedSession::method).containsExactly("EnsureMailboxType");
        assertThat(mock.receivedSessions().get(0).session().name()).isEqualTo("ExchangeOnline");
    }

    @Test
    void defaultSessionNameFollowsAnExplicitProviderAlias() {
        MockProvider mock = mockWithMailbox("User");
        RecordingBroker broker = RecordingBroker.defining("ExchangeOnline", "ExoTenantB");
        Providers providers = Providers.builder().provider("ExoTenantB", mock).broker(broker).build();

        runStep(workflow(MailboxGetInfoStep.TYPE, "IdentityKey = 'jdoe'; Provider = 'ExoTenantB'"), providers);

        assertThat(broker.requestedNames()).containsExactly("ExoTenantB");
    }

    @Test
    void withoutAHostSessionOfTheAliasNameNoSessionIsAcquired() {
        MockProvider mock = mockWithMailbox("User");
        RecordingBroker broker = RecordingBroker.defining("MicrosoftGraph");
        Providers providers = Providers.builder().provider("ExchangeOnline", mock).broker(broker).build();

        StepOutcome s = runStep(ENSURE_TYPE, providers);

        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(s.changed()).isTrue();
        assertThat(broker.requestedNames()).isEmpty();
        assertThat(mock.receivedSessions()).isEmpty();
    }

    @Test
    void withoutAnyBrokerMailboxStepsRunWithoutASession() {
        MockProvider mock = mockWithMailbox("User");

        StepOutcome s = runStep(ENSURE_TYPE, exchange(mock));

        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(mock.receivedSessions()).isEmpty();
    }

    @Test
    void explicitAuthSessionNameWinsOverTheAliasDefault() {
        MockProvider mock = mockWithMailbox("User");
        RecordingBroker broker = RecordingBroker.defining("ExchangeOnline", "ExoAdmin");
        Providers providers = Providers.builder().provider("ExchangeOnline", mock).broker(broker).build();

        runStep(workflow(MailboxEnsureTypeStep.TYPE,
                "IdentityKey = 'jdoe'; MailboxType = 'Shared'; AuthSessionName = 'ExoAdmin'"), providers);

        assertThat(broker.requestedNames()).containsExactly("ExoAdmin");
        assertThat(mock.receivedSessions().get(0).session().name()).isEqualTo("ExoAdmin");
    }

    @Test
    void explicitAuthSessionNameWithoutABrokerFailsTheStep() {
        StepOutcome s = runStep(workflow(MailboxGetInfoStep.TYPE, "IdentityKey = 'jdoe'; AuthSessionName = 'Exo'"),
                exchange(mockWithMailbox("User")));

        assertThat(s.status()).isEqualTo(StepStatus.Failed);
        assertThat(s.error()).contains("No AuthSessionBroker configured");
    }

    @Test
    void theDefaultNeverChangesThePlansWith() {
        MockProvider mock = mockWithMailbox("User");
        Providers providers = Providers.builder().provider("ExchangeOnline", mock).broker(new RecordingBroker())
                .build();
        Plan plan = engine.plan(ENSURE_TYPE, "Leaver", providers);

        ExecutionResult r = engine.idle.invoke(plan, providers, null, ExecutionOptions.defaults());

        assertThat(EngineFixture.step(r, "Mailbox").status()).isEqualTo(StepStatus.Completed);
        assertThat(plan.steps().get(0).with()).doesNotContainKey("AuthSessionName");
    }

    @Test
    void directCallAppliesTheDefaultToACopyOfWith() {
        DataMap with = DataMap.of("IdentityKey", "jdoe");
        DirectContext ctx = new DirectContext(with, mockWithMailbox("User"), "ExchangeOnline");

        new MailboxGetInfoStep().execute(ctx);

        assertThat(ctx.acquired).containsExactly("ExchangeOnline");
        assertThat(with).containsOnlyKeys("IdentityKey");
    }

    // ---- run-time checks of a directly called handler (the planner catches these earlier in a real run) ----------

    @Test
    void missingRequiredKeysAreReportedWithTheStepsLabel() {
        MockProvider mock = mockWithMailbox("User");
        assertThatThrownBy(() -> new MailboxGetInfoStep().execute(new DirectContext(new DataMap(), mock)))
                .hasMessage("Mailbox.GetInfo requires With.IdentityKey.");
        assertThatThrownBy(() -> new MailboxEnsureTypeStep().execute(
                new DirectContext(DataMap.of("IdentityKey", "jdoe"), mock)))
                .hasMessage("Mailbox.Type.Ensure requires With.MailboxType.");
        assertThatThrownBy(() -> new MailboxEnsureOutOfOfficeStep().execute(
                new DirectContext(DataMap.of("Config", new DataMap()), mock)))
                .hasMessage("Mailbox.OutOfOffice.Ensure requires With.IdentityKey.");
        assertThatThrownBy(() -> new MailboxEnsureOutOfOfficeStep().execute(
                new DirectContext(DataMap.of("IdentityKey", "jdoe"), mock)))
                .hasMessage("Mailbox.OutOfOffice.Ensure requires With.Config.");
        assertThatThrownBy(() -> new MailboxEnsurePermissionsStep().execute(
                new DirectContext(DataMap.of("IdentityKey", "jdoe"), mock)))
                .hasMessage("Mailbox.Permissions.Ensure requires With.Permissions.");
    }

    @Test
    void executableValuesInConfigOrPermissionsAreRejected() {
        MockProvider mock = mockWithMailbox("User");
        DataMap config = DataMap.of("Mode", "Enabled", "InternalMessage", new ExecutableValue("Get-Date"));
        DataMap permission = DataMap.of("AssignedUser", new ExecutableValue("Get-User"), "Right", "SendAs",
                "Ensure", "Present");

        assertThatThrownBy(() -> new MailboxEnsureOutOfOfficeStep().execute(
                new DirectContext(DataMap.of("IdentityKey", "jdoe", "Config", config), mock)))
                .hasMessage("ScriptBlocks are not allowed in request data. Found at: With.Config.InternalMessage");
        assertThatThrownBy(() -> new MailboxEnsurePermissionsStep().execute(
                new DirectContext(DataMap.of("IdentityKey", "jdoe", "Permissions", List.of(permission)), mock)))
                .hasMessage("ScriptBlocks are not allowed in request data. Found at: With.Permissions[0].AssignedUser");
    }

    @Test
    void aliasTheHostDidNotSupplyFailsBeforeAnySessionIsAcquired() {
        DirectContext ctx = new DirectContext(DataMap.of("IdentityKey", "jdoe", "Provider", "Elsewhere"),
                mockWithMailbox("User"), "Elsewhere");

        assertThatThrownBy(() -> new MailboxGetInfoStep().execute(ctx))
                .hasMessage("Provider 'Elsewhere' was not supplied by the host.");
        assertThat(ctx.acquired).isEmpty();
    }

    @Test
    void providerWithoutTheMailboxMethodIsReported() {
        dev.idle.spi.Provider bare = new dev.idle.spi.Provider() {
            @Override
            public List<String> capabilities() {
                return List.of("IdLE.Mailbox.Info.Read");
            }
        };
        DirectContext ctx = new DirectContext(DataMap.of("IdentityKey", "jdoe"), bare);

        assertThatThrownBy(() -> new MailboxGetInfoStep().execute(ctx))
                .hasMessage("Provider 'ExchangeOnline' does not implement GetMailbox method.");
    }
}
