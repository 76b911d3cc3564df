package dev.idle.internal.exec;

import static dev.idle.internal.exec.PlannedStep.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.RetryProfile;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.internal.export.PlanExporter;
import dev.idle.spi.ProviderException;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An approved plan is what runs: each attempt of a step gets a read-only deep copy of the step's {@code With}, so a
 * step (or a provider it hands its inputs to) can change neither the plan, nor its export and hash, nor what a later
 * attempt sees.
 */
class ExecutorPlanIntegrityTest {
    /** Two attempts, no wait worth speaking of. */
    private static final ExecutionOptions TWO_ATTEMPTS =
            ExecutionOptions.of("Two", Map.of("Two", new RetryProfile(2, 1, 1.0, 1, 0)));

    private static DataMap with() {
        return DataMap.of("Name", "jdoe", "Attributes", DataMap.of("Department", "Sales"),
                "Groups", new ArrayList<>(List.of("g1", DataMap.of("Id", "g2"))));
    }

    /** Tries every kind of change, anywhere in the tree; returns how many of them were refused. */
    private static int changesRefused(DataMap with) {
        List<Runnable> changes = List.of(
                () -> with.put("Name", "attacker"),
                () -> with.put("Extra", "added"),
                () -> with.remove("Name"),
                () -> with.clear(),
                () -> with.entrySet().iterator().next().setValue("attacker"),
                () -> with.values().clear(),
                () -> with.getMap("Attributes").put("Department", "Attackers"),
                () -> asList(with.get("Groups")).add("g3"),
                () -> asList(with.get("Groups")).set(0, "g0"),
                () -> ((DataMap) asList(with.get("Groups")).get(1)).put("Id", "g0"));
        int refused = 0;
        for (Runnable change : changes) {
            try {
                change.run();
            } catch (UnsupportedOperationException expected) {
                refused++;
            }
        }
        return refused;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return (List<Object>) value;
    }

    @Test
    void aStepCannotChangeThePlanItRunsFrom() {
        List<Integer> refusedPerAttempt = new ArrayList<>();
        List<DataMap> seenPerAttempt = new ArrayList<>();
        StubStep tampering = StubStep.of("Stub.Tamper", (ctx, call) -> {
            seenPerAttempt.add((DataMap) Values.deepCopy(ctx.with()));
            refusedPerAttempt.add(changesRefused(ctx.with()));
            if (call == 1) {
                throw new ProviderException("throttled", true, null, null);
            }
            return StepResult.changed(true);
        });
        ExecutorTestKit kit = ExecutorTestKit.handlers(tampering)
                .steps(step("Tamper", "Stub.Tamper").with(with()))
                .options(TWO_ATTEMPTS);
        String exportBefore = PlanExporter.toJson(kit.plan());

        Execution run = kit.run();

        assertThat(run.step("Tamper").status()).isEqualTo(StepStatus.Completed);
        assertThat(run.step("Tamper").attempts()).isEqualTo(2);
        assertThat(refusedPerAttempt).containsExactly(10, 10);
        assertThat(seenPerAttempt).containsExactly(with(), with());
        assertThat(run.plan().steps().get(0).with()).isEqualTo(with());
        assertThat(PlanExporter.toJson(run.plan())).isEqualTo(exportBefore);
    }

    @Test
    void aStepThatChangesItsInputsOnTheFirstAttemptSeesTheOriginalOnTheRetry() {
        List<Object> departmentPerAttempt = new ArrayList<>();
        StubStep tampering = StubStep.of("Stub.Tamper", (ctx, call) -> {
            departmentPerAttempt.add(ctx.with().getMap("Attributes").get("Department"));
            if (call == 1) {
                try {
                    ctx.with().getMap("Attributes").put("Department", "Attackers");
                } catch (UnsupportedOperationException ignored) {
                    // a step that swallows the refusal still changes nothing
                }
                throw new ProviderException("throttled", true, null, null);
            }
            return StepResult.changed(true);
        });

        Execution run = ExecutorTestKit.handlers(tampering)
                .steps(step("Tamper", "Stub.Tamper").with(with()))
                .options(TWO_ATTEMPTS)
                .run();

        assertThat(run.step("Tamper").status()).isEqualTo(StepStatus.Completed);
        assertThat(run.step("Tamper").attempts()).isEqualTo(2);
        assertThat(departmentPerAttempt).containsExactly("Sales", "Sales");
        assertThat(run.plan().steps().get(0).with().getMap("Attributes").get("Department")).isEqualTo("Sales");
    }

    @Test
    void aStepThatChangesItsWithFailsWithAMessageSayingWhy() {
        StubStep tampering = StubStep.of("Stub.Tamper", (ctx, call) -> {
            ctx.with().put("Name", "attacker");
            return StepResult.changed(true);
        });

        Execution run = ExecutorTestKit.handlers(tampering)
                .steps(step("Tamper", "Stub.Tamper").with(with()))
                .run();

        assertThat(run.step("Tamper").status()).isEqualTo(StepStatus.Failed);
        assertThat(run.step("Tamper").error()).contains("read-only");
        assertThat(run.plan().steps().get(0).with()).isEqualTo(with());
    }

    @Test
    void aCopyOfAReadOnlyWithCanBeChangedWithoutTouchingThePlan() {
        List<DataMap> copies = new ArrayList<>();
        StubStep copying = StubStep.of("Stub.Copy", (StepContext ctx, int call) -> {
            DataMap copy = (DataMap) Values.deepCopy(ctx.with());
            copy.getMap("Attributes").put("Department", "Changed");
            copy.put("Extra", 1);
            copies.add(copy);
            return StepResult.changed(false);
        });

        Execution run = ExecutorTestKit.handlers(copying)
                .steps(step("Copy", "Stub.Copy").with(with()))
                .run();

        assertThat(copies).singleElement().satisfies(c -> assertThat(c.getMap("Attributes").get("Department"))
                .isEqualTo("Changed"));
        assertThat(run.plan().steps().get(0).with()).isEqualTo(with());
    }

    @Test
    void aReadOnlyCopyRefusesEveryChangeAndLeavesItsSourceAlone() {
        DataMap source = with();
        DataMap copy = (DataMap) Values.readOnlyCopy(source);

        assertThat(copy).isEqualTo(source);
        assertThat(copy.isReadOnly()).isTrue();
        assertThat(changesRefused(copy)).isEqualTo(10);
        assertThatThrownBy(() -> copy.put("Name", "x")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("read-only");
        assertThat(source).isEqualTo(with());
        assertThat(new DataMap(copy).isReadOnly()).isFalse();
        assertThat(((DataMap) Values.deepCopy(copy)).isReadOnly()).isFalse();
    }
}
