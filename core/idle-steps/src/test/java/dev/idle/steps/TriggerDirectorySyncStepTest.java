package dev.idle.steps;

import static dev.idle.steps.EngineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.RunStatus;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.event.IdleEvent;
import dev.idle.provider.mock.MockProvider;
import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import dev.idle.testkit.EventRecorder;
import dev.idle.testkit.RecordingBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerDirectorySyncStepTest {
    /** A clock that only moves when the step sleeps, so waiting is instant and exact. */
    private final FakeTime time = new FakeTime();
    private final EventRecorder events = new EventRecorder();
    private final Idle idle = Idle.withStepPacks(List.of(new CommonSteps(), new StepPack() {
        private final DirectorySyncSteps real = new DirectorySyncSteps();

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public List<StepMetadata> catalog() {
            return real.catalog();
        }

        @Override
        public List<Step> steps() {
            return List.of(new TriggerDirectorySyncStep(time, time::sleep));
        }
    }));

    static final class FakeTime extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        final List<Duration> sleeps = new ArrayList<>();

        void sleep(Duration d) {
            sleeps.add(d);
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static String workflow(String with) {
        return """
                @{
                  Name = 'Joiner sync'
                  LifecycleEvent = 'Joiner'
                  Steps = @(
                    @{ Name = 'Sync'; Type = 'IdLE.Step.TriggerDirectorySync'; With = @{ %s } }
                  )
                }
                """.formatted(with);
    }

    private static Providers sync(MockProvider mock) {
        return Providers.builder().provider("DirectorySync", mock).build();
    }

    private Plan plan(String with, Providers providers) {
        DataMap wf = idle.parseWorkflow(workflow(with), "sync.psd1");
        return idle.plan(wf, LifecycleRequest.create("Joiner", "corr-1", "tester", DataMap.of("Id", "jdoe"),
                new DataMap(), new DataMap()), providers, "sync.psd1");
    }

    private ExecutionResult run(String with, Providers providers) {
        return idle.invoke(plan(with, providers), providers, events, ExecutionOptions.defaults());
    }

    private List<String> syncEvents() {
        return events.events().stream().map(IdleEvent::type).filter(t -> t.startsWith("DirectorySync")).toList();
    }

    private IdleEvent only(String type) {
        List<IdleEvent> of = events.ofType(type);
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    @Test
    void triggerWithoutWaitStartsACycleReportsChangedAndDoesNotPoll() {
        MockProvider mock = MockProvider.builder().build();
        ExecutionResult r = run("PolicyType = 'Delta'; ComputerName = 'aadc01'", sync(mock));

        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(step(r, "Sync").changed()).isTrue();
        assertThat(mock.store().directorySync()).containsEntry("status", "InProgress");
        assertThat(syncEvents()).containsExactly("DirectorySyncTriggered", "DirectorySyncCompleted");
        IdleEvent triggered = only("DirectorySyncTriggered");
        assertThat(triggered.message()).isEqualTo("Triggering Delta sync cycle");
        assertThat(triggered.stepName()).isEqualTo("Sync");
        assertThat(triggered.data()).containsEntry("policyType", "Delta").containsEntry("computerName", "aadc01");
        IdleEvent completed = only("DirectorySyncCompleted");
        assertThat(completed.message()).isEqualTo("Sync cycle triggered (not waiting)");
        assertThat(completed.data()).containsEntry("policyType", "Delta");
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void waitPollsUntilTheCycleIsIdleSleepingThePollIntervalBetweenPolls() {
        MockProvider mock = MockProvider.builder().syncPollsUntilIdle(2).build();
        ExecutionResult r = run("PolicyType = 'Initial'; Wait = $true; PollIntervalSeconds = 5", sync(mock));

        assertThat(step(r, "Sync").status()).isEqualTo(StepStatus.Completed);
        assertThat(step(r, "Sync").changed()).isTrue();
        assertThat(syncEvents()).containsExactly("DirectorySyncTriggered", "DirectorySyncWaiting",
                "DirectorySyncPoll", "DirectorySyncPoll", "DirectorySyncPoll", "DirectorySyncCompleted");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        IdleEvent waiting = only("DirectorySyncWaiting");
        assertThat(waiting.message()).isEqualTo("Waiting for sync cycle to complete (timeout: 600s)");
        assertThat(waiting.data()).containsEntry("timeoutSeconds", 600).containsEntry("pollIntervalSeconds", 5);
        List<IdleEvent> polls = events.ofType("DirectorySyncPoll");
        assertThat(polls).extracting(IdleEvent::message).containsExactly("Poll attempt 1 - State: InProgress",
                "Poll attempt 2 - State: InProgress", "Poll attempt 3 - State: Idle");
        assertThat(polls.get(2).data()).containsEntry("attempt", 3).containsEntry("state", "Idle")
                .containsEntry("inProgress", false).containsEntry("elapsedSeconds", 10);
        assertThat(polls.get(0).data()).containsEntry("inProgress", true).containsEntry("elapsedSeconds", 0);
        IdleEvent completed = only("DirectorySyncCompleted");
        assertThat(completed.message()).isEqualTo("Sync cycle completed");
        assertThat(completed.data()).containsEntry("attempts", 3).containsEntry("elapsedSeconds", 10);
        assertThat(mock.store().directorySync()).containsEntry("status", "Idle");
    }

    @Test
    void cycleThatIsAlreadyIdleAtTheFirstPollCompletesWithoutSleeping() {
        ExecutionResult r = run("PolicyType = 'Delta'; Wait = $true", sync(MockProvider.builder().build()));

        assertThat(step(r, "Sync").status()).isEqualTo(StepStatus.Completed);
        assertThat(time.sleeps).isEmpty();
        assertThat(only("DirectorySyncCompleted").data()).containsEntry("attempts", 1);
    }

    @Test
    void waitTimeoutFailsTheStepWithTheLastKnownStateAndOneFailedEvent() {
        MockProvider mock = MockProvider.builder().syncPollsUntilIdle(100).build();
        ExecutionResult r = run("PolicyType = 'Delta'; Wait = $true; TimeoutSeconds = 30; PollIntervalSeconds = 10",
                sync(mock));

        assertThat(step(r, "Sync").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Sync").error()).isEqualTo("TriggerDirectorySync: Timeout waiting for sync cycle to"
                + " complete after 30s. Last known state: InProgress");
        assertThat(events.ofType("DirectorySyncPoll")).hasSize(3);
        assertThat(time.sleeps).hasSize(3);
        IdleEvent failed = only("DirectorySyncFailed");
        assertThat(failed.message()).isEqualTo("Sync cycle wait timeout after 30s");
        assertThat(failed.data()).containsEntry("timeoutSeconds", 30).containsEntry("elapsedSeconds", 30)
                .containsEntry("lastKnownState", "InProgress");
        assertThat(events.types()).containsSubsequence("DirectorySyncFailed", "StepFailed");
    }

    @Test
    void waitGivenAsTheStringFalseDoesNotWait() {
        MockProvider mock = MockProvider.builder().syncPollsUntilIdle(5).build();
        ExecutionResult r = run("PolicyType = 'Delta'; Wait = 'false'", sync(mock));

        assertThat(step(r, "Sync").status()).isEqualTo(StepStatus.Completed);
        assertThat(events.ofType("DirectorySyncPoll")).isEmpty();
        assertThat(only("DirectorySyncCompleted").message()).isEqualTo("Sync cycle triggered (not waiting)");
    }

    @Test
    void waitValuesFollowPowerShellTruthinessExceptTheStringFalse() {
        assertThat(TriggerDirectorySyncStep.waitRequested(true)).isTrue();
        assertThat(TriggerDirectorySyncStep.waitRequested("true")).isTrue();
        assertThat(TriggerDirectorySyncStep.waitRequested(1)).isTrue();
        assertThat(TriggerDirectorySyncStep.waitRequested(false)).isFalse();
        assertThat(TriggerDirectorySyncStep.waitRequested(" FALSE ")).isFalse();
        assertThat(TriggerDirectorySyncStep.waitRequested(0)).isFalse();
        assertThat(TriggerDirectorySyncStep.waitRequested("")).isFalse();
        assertThat(TriggerDirectorySyncStep.waitRequested(null)).isFalse();
    }

    @Test
    void providerRejectionOfThePolicyTypeFailsTheStepWithTheProvidersMessageAndAFailedEvent() {
        ExecutionResult r = run("PolicyType = 'Invalid'", sync(MockProvider.builder().build()));

        assertThat(step(r, "Sync").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Sync").error()).contains("'Invalid'");
        assertThat(syncEvents()).containsExactly("DirectorySyncTriggered", "DirectorySyncFailed");
        IdleEvent failed = only("DirectorySyncFailed");
        assertThat(failed.message()).startsWith("Failed to trigger or wait for sync cycle: ").contains("'Invalid'");
        assertThat((String) failed.data().get("error")).contains("'Invalid'");
    }

    @Test
    void missingPolicyTypeReachesTheProviderAndTheTriggeredMessageIsGeneric() {
        ExecutionResult r = run("ComputerName = 'aadc01'", sync(MockProvider.builder().build()));

        assertThat(step(r, "Sync").error()).contains("PolicyType");
        assertThat(only("DirectorySyncTriggered").message()).isEqualTo("Triggering directory sync cycle");
        assertThat(only("DirectorySyncTriggered").data()).containsEntry("policyType", null);
    }

    @Test
    void nonPositiveTimeoutOrPollIntervalFailsBeforeAnythingIsTriggered() {
        MockProvider mock = MockProvider.builder().build();
        ExecutionResult r = run("PolicyType = 'Delta'; Wait = $true; TimeoutSeconds = 0", sync(mock));
        assertThat(step(r, "Sync").error())
                .isEqualTo("TriggerDirectorySync: With.TimeoutSeconds must be greater than 0. Got: 0");

        ExecutionResult r2 = run("PolicyType = 'Delta'; PollIntervalSeconds = -5", sync(mock));
        assertThat(step(r2, "Sync").error())
                .isEqualTo("TriggerDirectorySync: With.PollIntervalSeconds must be greater than 0. Got: -5");
        assertThat(mock.store().directorySync()).isNull();
        assertThat(syncEvents()).isEmpty();
    }

    @Test
    void nonNumericTimeoutFailsTheStep() {
        ExecutionResult r = run("PolicyType = 'Delta'; TimeoutSeconds = 'ten'", sync(MockProvider.builder().build()));

        assertThat(step(r, "Sync").error()).contains("With.TimeoutSeconds").contains("ten");
    }

    @Test
    void customAliasIsUsedAndDefaultAliasIsDirectorySync() {
        MockProvider aadc = MockProvider.builder().build();
        Providers providers = Providers.builder().provider("AADConnect", aadc).build();
        ExecutionResult r = run("Provider = 'AADConnect'; PolicyType = 'Delta'", providers);

        assertThat(step(r, "Sync").changed()).isTrue();
        assertThat(aadc.store().directorySync()).isNotNull();
        assertThat(plan("PolicyType = 'Delta'", sync(MockProvider.builder().build())).steps().get(0).provider())
                .isEqualTo("DirectorySync");
    }

    @Test
    void providerWithoutTheSyncCapabilitiesFailsThePlan() {
        MockProvider identityOnly = MockProvider.builder().capabilities("IdLE.Identity.Read").build();

        assertThatThrownBy(() -> plan("PolicyType = 'Delta'", sync(identityOnly)))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("IdLE.DirectorySync.Status").hasMessageContaining("IdLE.DirectorySync.Trigger");
    }

    @Test
    void authSessionNameAcquiresASessionForTheTriggerAndForEveryPoll() {
        MockProvider mock = MockProvider.builder().syncPollsUntilIdle(1).build();
        RecordingBroker broker = new RecordingBroker();
        Providers providers = Providers.builder().provider("DirectorySync", mock).broker(broker).build();

        ExecutionResult r = run("PolicyType = 'Delta'; ComputerName = 'aadc01'; Wait = $true;"
                + " AuthSessionName = 'SyncAdmin'", providers);

        assertThat(step(r, "Sync").status()).isEqualTo(StepStatus.Completed);
        assertThat(broker.requests()).extracting(RecordingBroker.Request::name)
                .containsExactly("SyncAdmin", "SyncAdmin", "SyncAdmin");
        assertThat(mock.receivedSessions()).extracting(s -> s.method()).containsExactly("StartSyncCycle",
                "GetSyncCycleState", "GetSyncCycleState");
        assertThat(mock.receivedSessions()).allSatisfy(s -> assertThat(s.identityKey()).isEqualTo("aadc01"));
    }

    @Test
    void transientTriggerFailureIsRetriedByTheEngine() {
        MockProvider mock = MockProvider.builder().failOn("StartSyncCycle", 1).build();
        Providers providers = sync(mock);
        ExecutionResult r = idle.invoke(plan("PolicyType = 'Delta'", providers), providers, events,
                ExecutionOptions.of("Fast", java.util.Map.of("Fast", new dev.idle.api.RetryProfile(2, 0, 1.0, 0, 0))));

        assertThat(step(r, "Sync").status()).isEqualTo(StepStatus.Completed);
        assertThat(step(r, "Sync").attempts()).isEqualTo(2);
    }
}
