package dev.idle.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.ValidationReport;
import dev.idle.api.data.DataMap;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.load.DataFileLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workflow key {@code ApprovalRequired}: a boolean that validation checks, that the plan carries (and its export
 * hashes, so an approved hash covers the gate), and that leaves the export of a workflow without it, or with it
 * false, exactly as before.
 */
class ApprovalRequiredKeyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Idle idle = Idle.withStepPacks(List.of(PlanExportTest.FIXTURE_PACK));
    private final LifecycleRequest request = LifecycleRequest.create("Joiner", "c-1", "hr", DataMap.of("userId", "j"),
            null, null);

    private DataMap workflow(String approvalLine) {
        return idle.parseWorkflow("@{ Name = 'w'; LifecycleEvent = 'Joiner'\n" + approvalLine + "\n"
                + "   Steps = @( @{ Name = 'Mail'; Type = 'EnsureMailbox'; With = @{ size = 50 } } ) }", "w.psd1");
    }

    private String export(DataMap wf) {
        return idle.export(idle.plan(wf, request, null, "w.psd1"));
    }

    @Test
    void psd1TrueAndFalseAreValidAndTheWrongTypeIsAnErrorNamingTheKey() {
        assertThat(idle.validate(workflow("ApprovalRequired = $true"), null).errors()).isEmpty();
        assertThat(idle.validate(workflow("ApprovalRequired = $false"), null).errors()).isEmpty();

        ValidationReport text = idle.validate(workflow("ApprovalRequired = 'yes'"), null);
        ValidationReport number = idle.validate(workflow("ApprovalRequired = 1"), null);

        assertThat(text.errors()).containsExactly("'ApprovalRequired' must be a boolean ($true or $false in PSD1,"
                + " true or false in JSON and YAML), got 'yes'.");
        assertThat(number.errors()).singleElement().asString().startsWith("'ApprovalRequired' must be a boolean");
    }

    @Test
    void yamlAndJsonBooleansAreAccepted() {
        DataMap yaml = idle.parseWorkflow("Name: w\nLifecycleEvent: Joiner\nApprovalRequired: true\nSteps: []\n",
                "w.yaml");
        DataMap json = idle.parseWorkflow("{\"Name\":\"w\",\"LifecycleEvent\":\"Joiner\",\"ApprovalRequired\":false,"
                + "\"Steps\":[]}", "w.json");

        assertThat(idle.validate(yaml, null).errors()).isEmpty();
        assertThat(idle.validate(json, null).errors()).isEmpty();
        assertThat(idle.plan(yaml, request, null, "w.yaml").approvalRequired()).isTrue();
        assertThat(idle.plan(json, request, null, "w.json").approvalRequired()).isFalse();
    }

    @Test
    void aPlanWithoutTheGateExportsAndHashesAsBeforeEvenWhenTheKeyIsFalse() throws Exception {
        String without = export(workflow(""));
        String withFalse = export(workflow("ApprovalRequired = $false"));

        assertThat(withFalse).isEqualTo(without);
        assertThat(JSON.readTree(without).get("workflow").has("approvalRequired")).isFalse();
    }

    @Test
    void theGateIsExportedHashedAndReadBack() throws Exception {
        String gated = export(workflow("ApprovalRequired = $true"));
        JsonNode doc = JSON.readTree(gated);

        Plan back = new PlanImporter(StepCatalog.of(List.of(PlanExportTest.FIXTURE_PACK)))
                .read(DataFileLoader.loadString(gated, "plan.json"), "plan.json");

        assertThat(doc.get("workflow").get("approvalRequired").asBoolean()).isTrue();
        assertThat(doc.get("planHash").asText()).isNotEqualTo(JSON.readTree(export(workflow(""))).get("planHash")
                .asText());
        assertThat(back.approvalRequired()).isTrue();
        assertThat(idle.export(back)).isEqualTo(gated);
    }
}
