package dev.idle.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PreparedWorkflow;
import dev.idle.api.Providers;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.testing.TestPacks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link Idle#prepare}: one structural check, then plans identical to {@link Idle#plan}'s, from any thread. */
class PreparedWorkflowTest {
    private final Idle idle = Idle.withStepPacks(List.of(TestPacks.PACK));
    private final Providers identity = Providers.builder().provider("Identity", TestPacks.provider("IdLE.Identity.Disable")).build();

    private static DataMap workflow() {
        DataMap disable = DataMap.of("Name", "Disable", "Type", "Test.Disable",
                "With", DataMap.of("IdentityKey", "{{Request.IdentityKeys.Id}}"));
        DataMap onlyIt = DataMap.of("Name", "OnlyIT", "Type", "Test.Disable",
                "Condition", DataMap.of("Equals", DataMap.of("Path", "Request.Intent.Dept", "Value", "IT")),
                "With", DataMap.of("IdentityKey", "{{Request.IdentityKeys.Id}}"));
        return DataMap.of("Name", "WF", "LifecycleEvent", "Leaver", "Steps",
                new ArrayList<>(List.of(disable, onlyIt)));
    }

    private static LifecycleRequest request(String id, String dept) {
        return LifecycleRequest.create("Leaver", "corr-" + id, "hr", DataMap.of("Id", id), DataMap.of("Dept", dept),
                null);
    }

    @Test
    void aPreparedWorkflowPlansExactlyWhatPlanBuilds() {
        PreparedWorkflow prepared = idle.prepare(workflow(), "wf.psd1");

        for (String dept : List.of("IT", "HR")) {
            LifecycleRequest request = request("jdoe", dept);
            assertThat(idle.export(prepared.plan(request, identity)))
                    .isEqualTo(idle.export(idle.plan(workflow(), request, identity, "wf.psd1")));
        }
    }

    @Test
    void aStructurallyInvalidWorkflowIsRefusedWhenPrepared() {
        DataMap wf = workflow();
        wf.put("Colour", "blue");

        assertThatThrownBy(() -> idle.prepare(wf, "wf.psd1"))
                .isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith("wf.psd1: Workflow validation failed:")
                .hasMessageContaining("Unknown root key 'Colour'");
    }

    @Test
    void aRequestOfAnotherLifecycleEventFailsAsPlanFails() {
        PreparedWorkflow prepared = idle.prepare(workflow(), "wf.psd1");
        LifecycleRequest joiner = LifecycleRequest.create("Joiner", "c", null, DataMap.of("Id", "x"), null, null);

        IdleInputException fromPrepared = catchThrowableOfType(() -> prepared.plan(joiner, null),
                IdleInputException.class);
        IdleInputException fromPlan = catchThrowableOfType(() -> idle.plan(workflow(), joiner, null, "wf.psd1"),
                IdleInputException.class);

        assertThat(fromPrepared).hasMessage(fromPlan.getMessage());
        assertThat(fromPrepared.getMessage()).contains("does not match request LifecycleEvent 'Joiner'");
    }

    @Test
    void problemsOfOneRequestAreReportedAsPlanReportsThem() {
        PreparedWorkflow prepared = idle.prepare(workflow(), "wf.psd1");
        LifecycleRequest noId = LifecycleRequest.create("Leaver", "c", null, DataMap.of("Upn", "x"),
                DataMap.of("Dept", "IT"), null);

        IdleInputException fromPrepared = catchThrowableOfType(() -> prepared.plan(noId, null),
                IdleInputException.class);

        assertThat(fromPrepared).hasMessage(catchThrowableOfType(() -> idle.plan(workflow(), noId, null, "wf.psd1"),
                IdleInputException.class).getMessage());
        assertThat(fromPrepared.getMessage()).startsWith("wf.psd1: Plan cannot be built:");
    }

    @Test
    void changesToTheCallersTreeAfterPreparingDoNotReachPlans() {
        DataMap wf = workflow();
        PreparedWorkflow prepared = idle.prepare(wf, "wf.psd1");

        ((DataMap) ((List<?>) wf.get("Steps")).get(1)).remove("Condition");
        wf.put("Name", "changed");

        Plan plan = prepared.plan(request("jdoe", "HR"), identity);
        assertThat(plan.workflowName()).isEqualTo("WF");
        assertThat(plan.steps().get(1).status()).isEqualTo(StepStatus.NotApplicable);
        assertThatThrownBy(() -> prepared.workflow().put("Name", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void manyThreadsPlanFromOnePreparedWorkflowAndEachGetsItsOwnPlan() throws Exception {
        PreparedWorkflow prepared = idle.prepare(workflow(), "wf.psd1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 200; i++) {
                        String id = "u" + thread + "-" + i;
                        String dept = i % 2 == 0 ? "IT" : "HR";
                        String expected = idle.export(idle.plan(workflow(), request(id, dept), identity, "wf.psd1"));
                        if (!idle.export(prepared.plan(request(id, dept), identity)).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> done : pool.invokeAll(tasks)) {
                assertThat(done.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
