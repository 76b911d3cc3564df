package dev.idle.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.testing.TestPacks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text fields reject maps and lists; unknown names are named with the closest known one. */
class WorkflowTypesAndNamesTest {
    private final WorkflowValidator validator = new WorkflowValidator(StepCatalog.of(List.of(TestPacks.PACK)));

    private static DataMap workflow(DataMap... steps) {
        return DataMap.of("Name", "WF", "LifecycleEvent", "Leaver", "Steps", new ArrayList<>(List.of(steps)));
    }

    private static DataMap disable(Object... more) {
        DataMap step = DataMap.of("Name", "D", "Type", "Test.Disable", "With", DataMap.of("IdentityKey", "x"));
        for (int i = 0; i < more.length; i += 2) {
            step.put((String) more[i], more[i + 1]);
        }
        return step;
    }

    private List<String> errors(DataMap wf) {
        return validator.validate(wf, null).errors();
    }

    @Test
    void descriptionMustBeAString() {
        DataMap wf = workflow(disable("Description", List.of("a", "b")));
        wf.put("Description", new DataMap());

        assertThat(errors(wf)).containsExactly(
                "'Description' must be text, not a hashtable.",
                "Steps[0] ('D'): 'Description' must be text, not a list.");
    }

    @Test
    void stepTextFieldsRejectMapsOnceEach() {
        DataMap wf = workflow(disable("RetryProfile", new DataMap(), "OnPreconditionFalse", List.of("Fail")));

        assertThat(errors(wf)).containsExactly(
                "Steps[0] ('D'): 'RetryProfile' must be text, not a hashtable.",
                "Steps[0] ('D'): 'OnPreconditionFalse' must be text, not a list.");
    }

    @Test
    void numbersInTextFieldsStayAllowed() {
        assertThat(errors(workflow(disable("Description", 42)))).isEmpty();
    }

    @Test
    void unknownConditionOperatorIsNamedWithSuggestion() {
        DataMap wf = workflow(disable("Condition", DataMap.of("Equalz", DataMap.of("Path", "p", "Value", 1))));

        assertThat(errors(wf)).singleElement().asString()
                .startsWith("Steps[0] ('D'): Condition: Unknown condition operator 'Equalz'. Did you mean 'Equals'? ")
                .contains("must specify one group");
    }

    @Test
    void unknownStepKeyIsNamedWithSuggestion() {
        assertThat(errors(workflow(disable("Condtion", DataMap.of("Exists", "p"))))).singleElement().asString()
                .startsWith("Steps[0] ('D'): Unknown key 'Condtion'.").endsWith(" Did you mean 'Condition'?");
    }

    @Test
    void unknownRootKeyIsNamedWithSuggestion() {
        DataMap wf = workflow(disable());
        wf.put("OnFailureStep", List.of());

        assertThat(errors(wf)).singleElement().asString().endsWith("Did you mean 'OnFailureSteps'?");
    }

    @Test
    void unknownStepTypeIsNamedWithSuggestion() {
        DataMap wf = workflow(DataMap.of("Name", "X", "Type", "Test.Disabel"));

        assertThat(errors(wf)).containsExactly(
                "Steps[0] ('X'): unknown step type 'Test.Disabel'. No step pack defines it. Did you mean 'Test.Disable'?");
    }

    @Test
    void unsupportedWithKeyIsNamedWithSuggestion() {
        DataMap wf = workflow(DataMap.of("Name", "D", "Type", "Test.Disable", "With", DataMap.of("IdentityKy", "x")));

        assertThat(validator.validate(wf, null).warnings())
                .anySatisfy(w -> assertThat(w).contains("does not support With.IdentityKy").contains("Did you mean 'IdentityKey'?"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        DataMap wf = workflow(
                disable("Precondition", DataMap.of("Like", DataMap.of("Path", "p", "Pattern", "[abc"))),
                DataMap.of("Name", "E", "Type", "Test.Emti", "Condition", DataMap.of("Equalz", 1)));
        wf.put("Description", List.of());

        assertThat(errors(wf)).hasSize(4);
    }
}
