package dev.idle.internal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.load.DataFileLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanImporterTest {
    private final Idle idle = Idle.withStepPacks(List.of(PlanExportTest.FIXTURE_PACK));
    private final PlanImporter importer = new PlanImporter(StepCatalog.of(List.of(PlanExportTest.FIXTURE_PACK)));

    private String export() {
        DataMap wf = idle.parseWorkflow("""
                @{ Name = 'w'; LifecycleEvent = 'Joiner'
                   Steps = @(
                     @{ Name = 'Mail'; Type = 'EnsureMailbox'; With = @{ mailboxType = 'User'; size = 50 }
                        RetryProfile = 'Slow'; Precondition = @{ Exists = 'Request.Intent.department' }
                        OnPreconditionFalse = 'continue' }
                     @{ Name = 'Skip'; Type = 'EnsureMailbox'; Condition = @{ Equals = @{ Path = 'Request.LifecycleEvent'; Value = 'Leaver' } } }
                   )
                   OnFailureSteps = @( @{ Name = 'Undo'; Type = 'EnsureMailbox'; With = @{ undo = $true } } ) }
                """, "w.psd1");
        LifecycleRequest request = LifecycleRequest.create("Joiner", "c-7", "approver", DataMap.of("userId", "jdoe"),
                DataMap.of("department", "IT"), null);
        return idle.export(idle.plan(wf, request, null, "w.psd1"));
    }

    private Plan read(String json) {
        return importer.read(DataFileLoader.loadString(json, "plan.json"), "plan.json");
    }

    @Test
    void importedPlanKeepsEveryPlanTimeDecision() {
        Plan plan = read(export());

        assertThat(plan.workflowName()).isEqualTo("w");
        assertThat(plan.correlationId()).isEqualTo("c-7");
        assertThat(plan.actor()).isEqualTo("approver");
        assertThat(plan.request().intent()).containsEntry("department", "IT");
        assertThat(plan.steps()).extracting(s -> s.status()).containsExactly(StepStatus.Planned,
                StepStatus.NotApplicable);
        assertThat(plan.steps().get(0).with()).containsEntry("mailboxType", "User").containsEntry("size", 50L);
        assertThat(plan.steps().get(0).retryProfile()).isEqualTo("Slow");
        assertThat(plan.steps().get(0).onPreconditionFalse()).isEqualTo("Continue");
        assertThat(plan.steps().get(0).precondition()).isInstanceOf(DataMap.class);
        assertThat(plan.steps().get(1).condition()).isInstanceOf(DataMap.class);
        assertThat(plan.onFailureSteps()).singleElement().satisfies(s -> assertThat(s.with()).containsEntry("undo", true));
    }

    @Test
    void reExportOfAnImportedPlanIsByteIdentical() {
        String json = export();
        assertThat(idle.export(read(json))).isEqualTo(json);
    }

    @Test
    void whitespaceOnlyEditsKeepThePlanValid() {
        String json = export().replace("\n", "\n  ");
        assertThat(read(json).steps()).hasSize(2);
    }

    @Test
    void oneChangedValueIsRefusedBecauseTheHashNoLongerMatches() {
        String tampered = export().replace("\"User\"", "\"Usex\"");

        assertThatThrownBy(() -> read(tampered)).isInstanceOf(IdleInputException.class)
                .hasMessageContaining("planHash does not match");
    }

    @Test
    void planWithoutHashIsRefused() {
        String noHash = export().replaceAll(",\\n  \"planHash\": \"[0-9a-f]+\"", "");

        assertThatThrownBy(() -> read(noHash)).hasMessageContaining("no planHash");
    }

    @Test
    void planMarkedNotExecutableIsRefusedWithTheReason() {
        DataMap wf = idle.parseWorkflow("""
                @{ Name = 'w'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Mail'; Type = 'EnsureMailbox'; With = @{ token = 'abc' } } ) }
                """, "w.psd1");
        String json = idle.export(idle.plan(wf, LifecycleRequest.create("Joiner", "c", null, null, null, null), null,
                "w.psd1"));

        assertThatThrownBy(() -> read(json)).hasMessageContaining("not executable")
                .hasMessageContaining("step 'Mail'");
    }
}
