package dev.idle.internal.exec;

import static dev.idle.internal.exec.PlannedStep.step;
import static dev.idle.internal.exec.RunEventConditions.completed;
import static dev.idle.internal.exec.RunEventConditions.data;
import static dev.idle.internal.exec.RunEventConditions.event;
import static dev.idle.internal.exec.RunEventConditions.failed;
import static dev.idle.internal.exec.RunEventConditions.message;
import static dev.idle.internal.exec.RunEventConditions.onFailureCompleted;
import static dev.idle.internal.exec.RunEventConditions.onFailureStarted;
import static dev.idle.internal.exec.RunEventConditions.onFailureStepCompleted;
import static dev.idle.internal.exec.RunEventConditions.onFailureStepStarted;
import static dev.idle.internal.exec.RunEventConditions.retrying;
import static dev.idle.internal.exec.RunEventConditions.runCompleted;
import static dev.idle.internal.exec.RunEventConditions.runStarted;
import static dev.idle.internal.exec.RunEventConditions.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.RetryProfile;
import dev.idle.api.RunStatus;
import dev.idle.api.StepStatus;
import dev.idle.api.event.EventTypes;
import dev.idle.spi.ProviderException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retries: only transient failures, as many attempts as the step's profile allows, one {@code StepRetrying} per
 * wait, and the wait a backend asks for. Waits are recorded, not slept.
 */
class ExecutorRetryTest {
    /** 3 attempts; 100 ms then 200 ms; no jitter. */
    private static final RetryProfile THREE = new RetryProfile(3, 100, 2.0, 1000, 0);

    private static ExecutionOptions profiles(Map<String, RetryProfile> byName) {
        return ExecutionOptions.of("Three", byName);
    }

    @Test
    void aTransientFailureIsRetriedUntilTheStepSucceeds() {
        StubStep flaky = StubStep.transientThenChanging("Stub.Flaky", 2);

        Execution run = ExecutorTestKit.handlers(flaky)
                .steps(step("Revoke", "Stub.Flaky"))
                .options(profiles(Map.of("Three", THREE)))
                .run();

        run.assertEventsMatchExactly(runStarted(1), started("Revoke"), retrying("Revoke", 1, 3, 100),
                retrying("Revoke", 2, 3, 200), completed("Revoke"), runCompleted(RunStatus.Completed));
        assertThat(run.step("Revoke").status()).isEqualTo(StepStatus.Completed);
        assertThat(run.step("Revoke").attempts()).isEqualTo(3);
        assertThat(run.step("Revoke").changed()).isTrue();
        assertThat(run.sleeps()).containsExactly(100L, 200L);
        assertThat(flaky.calls()).isEqualTo(3);
    }

    @Test
    void attemptsRunOutAtTheProfilesMaximumAndTheLastFailureFailsTheStep() {
        StubStep flaky = StubStep.transientThenChanging("Stub.Flaky", 5);

        Execution run = ExecutorTestKit.handlers(flaky)
                .steps(step("Revoke", "Stub.Flaky"))
                .options(profiles(Map.of("Three", new RetryProfile(2, 100, 2.0, 1000, 0))))
                .run();

        run.assertEventsMatchExactly(runStarted(1), started("Revoke"), retrying("Revoke", 1, 2, 100),
                failed("Revoke", "throttled (call 2)"), runCompleted(RunStatus.Failed));
        assertThat(run.step("Revoke").attempts()).isEqualTo(2);
        assertThat(flaky.calls()).isEqualTo(2);
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        StubStep denied = StubStep.failing("Stub.Denied", "access denied");

        Execution run = ExecutorTestKit.handlers(denied)
                .steps(step("Revoke", "Stub.Denied"))
                .options(profiles(Map.of("Three", THREE)))
                .run();

        run.assertEventsMatchExactly(runStarted(1), started("Revoke"), failed("Revoke", "access denied"),
                runCompleted(RunStatus.Failed));
        assertThat(run.step("Revoke").attempts()).isEqualTo(1);
        assertThat(run.sleeps()).isEmpty();
    }

    @Test
    void aTransientCauseDeepInTheChainIsRetriedToo() {
        StubStep wrapped = StubStep.of("Stub.Wrapped", (ctx, call) -> {
            if (call == 1) {
                throw new IllegalStateException("call failed",
                        new RuntimeException("io", ProviderException.transientFailure("503")));
            }
            return null;
        });

        Execution run = ExecutorTestKit.handlers(wrapped)
                .steps(step("A", "Stub.Wrapped"))
                .options(profiles(Map.of("Three", THREE)))
                .run();

        assertThat(run.step("A").attempts()).isEqualTo(2);
        assertThat(run.events()).filteredOn(e -> e.type().equals(EventTypes.STEP_RETRYING)).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("errorType", IllegalStateException.class.getName())
                        .containsEntry("message", "call failed"));
    }

    @Test
    void theMinimumDelayOfAProviderExceptionIsWaitedEvenPastMaxDelay() {
        StubStep throttled = StubStep.throttledThenChanging("Stub.Throttled", 1, Duration.ofSeconds(30));

        Execution run = ExecutorTestKit.handlers(throttled)
                .steps(step("Revoke", "Stub.Throttled"))
                .options(profiles(Map.of("Three", THREE)))
                .run();

        run.assertEventsMatchExactly(runStarted(1), started("Revoke"), retrying("Revoke", 1, 3, 30_000),
                completed("Revoke"), runCompleted(RunStatus.Completed));
        assertThat(run.sleeps()).containsExactly(30_000L);
    }

    @Test
    void aMinimumDelayShorterThanTheBackOffDoesNotShortenIt() {
        StubStep throttled = StubStep.throttledThenChanging("Stub.Throttled", 1, Duration.ofMillis(5));

        Execution run = ExecutorTestKit.handlers(throttled)
                .steps(step("Revoke", "Stub.Throttled"))
                .options(profiles(Map.of("Three", THREE)))
                .run();

        assertThat(run.sleeps()).containsExactly(100L);
    }

    @Test
    void theStepsNamedRetryProfileWinsOverTheDefaultProfile() {
        StubStep flaky = StubStep.transientThenChanging("Stub.Flaky", 4);
        ExecutionOptions options = profiles(Map.of("Three", THREE, "Patient", new RetryProfile(5, 10, 1.0, 10, 0)));

        Execution run = ExecutorTestKit.handlers(flaky)
                .steps(step("Revoke", "Stub.Flaky").retryProfile("Patient"))
                .options(options)
                .run();

        assertThat(run.step("Revoke").status()).isEqualTo(StepStatus.Completed);
        assertThat(run.step("Revoke").attempts()).isEqualTo(5);
        assertThat(run.sleeps()).containsExactly(10L, 10L, 10L, 10L);
    }

    @Test
    void withoutExecutionOptionsIdlesDefaultProfileAppliesWithJitterSeededByCorrelationTypeStepAndIndex() {
        StubStep flaky = StubStep.transientThenChanging("Stub.Flaky", 2);

        Execution run = ExecutorTestKit.handlers(StubStep.completing("Stub.Ok"), flaky)
                .steps(step("First", "Stub.Ok"), step("Revoke", "Stub.Flaky").retryProfile("Ignored"))
                .run();

        String seed = "corr-1|Stub.Flaky|Revoke|1";
        long first = RetryRunner.delayMs(RetryProfile.DEFAULT, seed, 1);
        long second = RetryRunner.delayMs(RetryProfile.DEFAULT, seed, 2);
        assertThat(run.step("Revoke").attempts()).isEqualTo(3);
        assertThat(run.sleeps()).containsExactly(first, second);
        assertThat(run.events()).filteredOn(e -> e.type().equals(EventTypes.STEP_RETRYING))
                .extracting(e -> e.data().get("delayMs")).containsExactly(first, second);
    }

    @Test
    void anOnFailureStepIsRetriedUnderItsOwnSeedAndOperationName() {
        StubStep flaky = StubStep.transientThenChanging("Stub.Flaky", 1);

        Execution run = ExecutorTestKit.handlers(StubStep.failing("Stub.Fail", "no"), flaky)
                .steps(step("Disable", "Stub.Fail"))
                .onFailureSteps(step("Notify", "Stub.Flaky"))
                .run();

        long delay = RetryRunner.delayMs(RetryProfile.DEFAULT, "corr-1|OnFailure|Stub.Flaky|Notify|0", 1);
        run.assertEventsMatchExactly(runStarted(2), started("Disable"), failed("Disable", "no"), onFailureStarted(1),
                onFailureStepStarted("Notify"),
                event(EventTypes.STEP_RETRYING, "Notify", data("delayMs", delay),
                        message("Transient failure in 'OnFailureStepExecution' (attempt 1/3). Retrying.")),
                onFailureStepCompleted("Notify"), onFailureCompleted(RunStatus.Completed),
                runCompleted(RunStatus.Failed));
        assertThat(run.onFailureStep("Notify").attempts()).isEqualTo(2);
    }

    @Test
    void aPrimaryStepsRetryNamesStepExecution() {
        Execution run = ExecutorTestKit.handlers(StubStep.transientThenChanging("Stub.Flaky", 1))
                .steps(step("Revoke", "Stub.Flaky"))
                .options(profiles(Map.of("Three", THREE)))
                .run();

        assertThat(run.events()).filteredOn(e -> e.type().equals(EventTypes.STEP_RETRYING)).singleElement()
                .satisfies(e -> assertThat(e.message())
                        .isEqualTo("Transient failure in 'StepExecution' (attempt 1/3). Retrying."));
    }

    @Test
    void aZeroDelayProfileRetriesWithoutWaiting() {
        Execution run = ExecutorTestKit.handlers(StubStep.transientThenChanging("Stub.Flaky", 2))
                .steps(step("Revoke", "Stub.Flaky"))
                .options(profiles(Map.of("Three", new RetryProfile(3, 0, 2.0, 0, 0))))
                .run();

        assertThat(run.step("Revoke").attempts()).isEqualTo(3);
        assertThat(run.sleeps()).isEmpty();
        assertThat(run.events()).filteredOn(e -> e.type().equals(EventTypes.STEP_RETRYING)).hasSize(2);
    }
}
