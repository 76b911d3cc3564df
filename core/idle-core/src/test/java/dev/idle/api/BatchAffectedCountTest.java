package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The blast radius of a batch in the library: which plans count as changing something ({@link BlastRadius}), the
 * planning pass ({@link BatchRunner#countAffected}) and the running cap ({@link BatchRunner.Builder#maxAffected}).
 */
class BatchAffectedCountTest {
    /** {@code Test.Touch} only when the request's intent says {@code Leave = yes}. */
    private static final String CONDITIONAL = """
            @{ Name = 'Touch'; LifecycleEvent = 'Leaver'
               Steps = @( @{ Name = 'Touch'; Type = 'Test.Touch'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
                             Condition = @{ Equals = @{ Path = 'Request.Intent.Leave'; Value = 'yes' } } } ) }
            """;

    private final Idle idle = BatchFixture.idle();
    private final BatchFixture.TouchProvider provider = new BatchFixture.TouchProvider();

    private BatchRunner.Builder batch(String workflow) {
        DataMap wf = idle.parseWorkflow(workflow, "touch.psd1");
        return idle.batch().workflow(wf, "touch.psd1").providers(BatchFixture.providers(provider));
    }

    /** Requests u0..u(n-1); those whose number {@code leaves} accepts say {@code Leave = yes}, the others no. */
    private static RequestSource requests(int n, java.util.function.IntPredicate leaves) {
        return RequestSource.of(IntStream.range(0, n).mapToObj(i -> LifecycleRequest.builder("Leaver")
                .correlationId("c-" + i).identityKey("Id", "u" + i).intent("Leave", leaves.test(i) ? "yes" : "no")
                .build()).toList());
    }

    private static PlanStep step(String type, StepStatus status) {
        return new PlanStep("s", type, "", null, null, null, null, List.of(), new DataMap(), null, List.of(), status,
                null);
    }

    private static Plan plan(List<PlanStep> steps, List<PlanStep> onFailure) {
        return new Plan("W", "Leaver", "", LifecycleRequest.builder("Leaver").build(), steps, onFailure, List.of());
    }

    @Test
    void aStepSkippedByItsConditionAndTheReadOnlyStepTypesChangeNothing() {
        assertThat(BlastRadius.writes(step("IdLE.Step.DisableIdentity", StepStatus.Planned))).isTrue();
        assertThat(BlastRadius.writes(step("IdLE.Step.DisableIdentity", StepStatus.NotApplicable))).isFalse();
        assertThat(BlastRadius.writes(step("IdLE.Step.EmitEvent", StepStatus.Planned))).isFalse();
        assertThat(BlastRadius.writes(step("idle.step.mailbox.getinfo", StepStatus.Planned))).isFalse();
        assertThat(BlastRadius.writes(step("Acme.Step.Unknown", StepStatus.Planned)))
                .as("a step type the engine does not know counts as a write").isTrue();
    }

    @Test
    void onFailureStepsCountOnlyWhenAPlannedStepCouldFail() {
        PlanStep write = step("IdLE.Step.DisableIdentity", StepStatus.Planned);
        PlanStep read = step("IdLE.Step.Mailbox.GetInfo", StepStatus.Planned);
        PlanStep skipped = step("IdLE.Step.DeleteIdentity", StepStatus.NotApplicable);

        assertThat(BlastRadius.affects(plan(List.of(read), List.of()))).isFalse();
        assertThat(BlastRadius.affects(plan(List.of(read), List.of(write)))).isTrue();
        assertThat(BlastRadius.affects(plan(List.of(skipped), List.of(write))))
                .as("no step runs, so none can fail and no OnFailure step runs").isFalse();
        assertThat(BlastRadius.affects(plan(List.of(skipped, write), List.of()))).isTrue();
    }

    @Test
    void thePlanningPassCountsAffectedRequestsAndWritesNothing() {
        AffectedCount count = batch(CONDITIONAL).concurrency(4).build().countAffected(requests(50, i -> i % 5 == 0));

        assertThat(count).isEqualTo(new AffectedCount(50, 50, 0, 10));
        assertThat(provider.writes()).isZero();
    }

    @Test
    void thePlanningPassCountsOnlySelectedRequestsAndSeparatesInvalidOnes() {
        List<LifecycleRequest> list = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            list.add(LifecycleRequest.builder(i == 4 ? "Joiner" : "Leaver").identityKey("Id", "u" + i)
                    .intent("Leave", "yes").build());
        }
        AffectedCount count = batch(CONDITIONAL).build().countAffected(RequestSource.of(list), i -> i < 6);

        assertThat(count.requests()).isEqualTo(10);
        assertThat(count.selected()).isEqualTo(6);
        assertThat(count.invalid()).as("the Joiner gets no plan from a Leaver workflow").isEqualTo(1);
        assertThat(count.affected()).isEqualTo(5);
        assertThat(provider.writes()).isZero();
    }

    @Test
    void theRunningCapStartsNoRequestOnceTheLimitRanAndRecordsTheRestNotRun() {
        List<BatchRecord> records = Collections.synchronizedList(new ArrayList<>());
        BatchSummary summary = batch(BatchFixture.WORKFLOW).concurrency(4).maxAffected(3).build()
                .run(requests(40, i -> true), records::add);

        assertThat(provider.writes()).isEqualTo(3);
        assertThat(summary.count(BatchRecord.Status.Completed)).isEqualTo(3);
        assertThat(summary.count(BatchRecord.Status.NotRun)).isEqualTo(37);
        assertThat(records).filteredOn(r -> r.status() == BatchRecord.Status.NotRun).allSatisfy(r -> {
            assertThat(r.result()).isNull();
            assertThat(r.error()).contains("maxAffected 3");
            assertThat(r.toJsonLine()).contains("\"status\":\"NotRun\"");
        });
    }

    @Test
    void requestsThatChangeNothingRunUntilTheCapIsReached() {
        List<BatchRecord> records = new ArrayList<>();
        // u0..u3 change nothing (condition false), u4 and u5 change something, u6 would be the third
        BatchSummary summary = batch(CONDITIONAL).maxAffected(2).build()
                .run(requests(9, i -> i >= 4), records::add);

        assertThat(provider.touched).containsOnlyKeys("u4", "u5");
        assertThat(records).extracting(BatchRecord::status).containsExactly(BatchRecord.Status.Completed,
                BatchRecord.Status.Completed, BatchRecord.Status.Completed, BatchRecord.Status.Completed,
                BatchRecord.Status.Completed, BatchRecord.Status.Completed, BatchRecord.Status.NotRun,
                BatchRecord.Status.NotRun, BatchRecord.Status.NotRun);
        assertThat(summary.count(BatchRecord.Status.NotRun)).isEqualTo(3);
    }

    @Test
    void aCapOfZeroRunsOnlyRequestsThatChangeNothingAndADryRunIgnoresTheCap() {
        BatchSummary capped = batch(CONDITIONAL).maxAffected(0).build().run(requests(2, i -> i == 1), r -> { });
        assertThat(capped.count(BatchRecord.Status.Completed)).isEqualTo(1);
        assertThat(capped.count(BatchRecord.Status.NotRun)).isEqualTo(1);
        assertThat(provider.writes()).isZero();

        BatchSummary dry = batch(CONDITIONAL).maxAffected(0).dryRun(true).build().run(requests(3, i -> true), r -> { });
        assertThat(dry.count(BatchRecord.Status.Planned)).isEqualTo(3);
    }

    @Test
    void withMaxAffectedSharesTheWorkflowAndRefusesANegativeCap() {
        BatchRunner runner = batch(BatchFixture.WORKFLOW).build();
        assertThat(runner.maxAffected()).isEqualTo(-1);
        BatchRunner capped = runner.withMaxAffected(1);
        assertThat(capped.maxAffected()).isEqualTo(1);
        assertThat(runner.maxAffected()).isEqualTo(-1);
        capped.run(requests(3, i -> true), r -> { });
        assertThat(provider.writes()).isEqualTo(1);
        assertThatThrownBy(() -> runner.withMaxAffected(-2)).isInstanceOf(IllegalArgumentException.class);
    }
}
