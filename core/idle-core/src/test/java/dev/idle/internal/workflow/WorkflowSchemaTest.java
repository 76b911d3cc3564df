package dev.idle.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowSchemaTest {

    private static DataMap step(Object... keysAndValues) {
        return DataMap.of(keysAndValues);
    }

    private static DataMap workflow(List<?> steps) {
        return DataMap.of("Name", "WF", "LifecycleEvent", "Joiner", "Steps", new ArrayList<>(steps));
    }

    private static DataMap okStep(String name) {
        return step("Name", name, "Type", "T");
    }

    private static List<String> check(DataMap wf) {
        return WorkflowSchema.check(wf, null);
    }

    @Test
    void minimalWorkflowIsValid() {
        assertThat(check(workflow(List.of(okStep("A"))))).isEmpty();
    }

    @Test
    void emptyStepsListIsValid() {
        assertThat(check(workflow(List.of()))).isEmpty();
    }

    @Test
    void rootMustBeAMap() {
        assertThat(WorkflowSchema.check(List.of(), null))
                .containsExactly("Workflow definition must be a hashtable at the root.");
    }

    @Test
    void unknownRootKeyIsAnErrorNamingTheAllowedKeys() {
        DataMap wf = workflow(List.of());
        wf.put("CleanupSteps", List.of());
        assertThat(check(wf)).singleElement().asString()
                .contains("Unknown root key 'CleanupSteps'")
                .contains("Name, LifecycleEvent, Steps, OnFailureSteps, Description, ContextResolvers");
    }

    @Test
    void approvalRequiredMustBeABooleanInAnyLetterCase() {
        DataMap wf = workflow(List.of());
        wf.put("approvalrequired", "true");
        assertThat(check(wf)).singleElement().asString().startsWith("'ApprovalRequired' must be a boolean")
                .endsWith("got 'true'.");
        wf.put("approvalrequired", List.of());
        assertThat(check(wf)).singleElement().asString().endsWith("got a list.");
        wf.put("approvalrequired", true);
        assertThat(check(wf)).isEmpty();
        assertThat(WorkflowSchema.approvalRequired(wf)).isTrue();
    }

    @Test
    void rootKeysAreCaseInsensitive() {
        DataMap wf = DataMap.of("name", "WF", "LIFECYCLEEVENT", "Joiner", "steps", List.of(),
                "description", "d", "onfailuresteps", List.of(), "contextresolvers", List.of());
        assertThat(check(wf)).isEmpty();
    }

    @Test
    void nameLifecycleEventAndStepsAreRequired() {
        assertThat(check(new DataMap())).hasSize(3)
                .anySatisfy(e -> assertThat(e).contains("'Name'"))
                .anySatisfy(e -> assertThat(e).contains("'LifecycleEvent'"))
                .anySatisfy(e -> assertThat(e).contains("'Steps'"));
    }

    @Test
    void blankNameIsAnError() {
        DataMap wf = workflow(List.of());
        wf.put("Name", "   ");
        assertThat(check(wf)).containsExactly("Missing or empty required key 'Name'.");
    }

    @Test
    void nullStepsIsAnError() {
        DataMap wf = workflow(List.of());
        wf.put("Steps", null);
        assertThat(check(wf)).singleElement().asString().contains("Missing required root key 'Steps'");
    }

    @Test
    void stepsThatIsNotAListIsAnError() {
        DataMap wf = workflow(List.of());
        wf.put("Steps", okStep("A"));
        assertThat(check(wf)).containsExactly("'Steps' must be an array/list of step hashtables.");
        wf.put("Steps", "A");
        assertThat(check(wf)).containsExactly("'Steps' must be an array/list of step hashtables.");
    }

    @Test
    void onFailureStepsThatIsNotAListIsAnError() {
        DataMap wf = workflow(List.of());
        wf.put("OnFailureSteps", "x");
        assertThat(check(wf)).containsExactly("'OnFailureSteps' must be an array/list of step hashtables.");
    }

    @Test
    void stepThatIsNotAMapIsAnError() {
        assertThat(check(workflow(List.of("A")))).containsExactly("Steps[0]: each step must be a hashtable.");
    }

    @Test
    void unknownStepKeyIsAnErrorWithTheStepLabel() {
        DataMap s = okStep("A");
        s.put("RequiresCapabilities", List.of("IdLE.X.Y"));
        assertThat(check(workflow(List.of(s)))).singleElement().asString()
                .startsWith("Steps[0] ('A'): Unknown key 'RequiresCapabilities'");
    }

    @Test
    void whenIsAnUnknownStepKey() {
        DataMap s = okStep("A");
        s.put("When", DataMap.of("Exists", "Request.Intent.X"));
        assertThat(check(workflow(List.of(s)))).singleElement().asString()
                .contains("Unknown key 'When'");
    }

    @Test
    void providerAtStepRootIsAnUnknownKey() {
        DataMap s = okStep("A");
        s.put("Provider", "Identity");
        assertThat(check(workflow(List.of(s)))).singleElement().asString().contains("Unknown key 'Provider'");
    }

    @Test
    void stepKeysAreCaseInsensitive() {
        DataMap s = step("name", "A", "TYPE", "T", "with", new DataMap(), "description", "d", "retryprofile", "p",
                "condition", DataMap.of("Exists", "x"), "precondition", DataMap.of("Exists", "x"),
                "onpreconditionfalse", "Fail", "preconditionevent", DataMap.of("Type", "t", "Message", "m"));
        assertThat(check(workflow(List.of(s)))).isEmpty();
    }

    @Test
    void stepNameAndTypeAreRequired() {
        assertThat(check(workflow(List.of(step("Description", "x")))))
                .containsExactly("Steps[0]: missing or empty required key 'Name'.",
                        "Steps[0]: missing or empty required key 'Type'.");
    }

    @Test
    void duplicateStepNamesDifferingOnlyInCaseAreAnError() {
        List<String> errors = check(workflow(List.of(okStep("Disable"), okStep("DISABLE"))));
        assertThat(errors).singleElement().asString()
                .startsWith("Steps[1] ('DISABLE'): step name 'DISABLE' is not unique in Steps")
                .contains("Steps[0]");
    }

    @Test
    void stepsAndOnFailureStepsAreSeparateNameNamespaces() {
        DataMap wf = workflow(List.of(okStep("Notify")));
        wf.put("OnFailureSteps", List.of(okStep("notify")));
        assertThat(check(wf)).isEmpty();
    }

    @Test
    void duplicateNamesInsideOnFailureStepsAreAnError() {
        DataMap wf = workflow(List.of());
        wf.put("OnFailureSteps", List.of(okStep("N"), okStep("n")));
        assertThat(check(wf)).singleElement().asString().contains("not unique in OnFailureSteps");
    }

    @Test
    void withThatIsNotAMapIsAnError() {
        DataMap s = okStep("A");
        s.put("With", "x");
        assertThat(check(workflow(List.of(s)))).containsExactly("Steps[0] ('A'): 'With' must be a hashtable.");
    }

    @Test
    void conditionSchemaErrorsAreReportedWithTheStepLabel() {
        DataMap s = okStep("A");
        s.put("Condition", DataMap.of("Equals", DataMap.of("Value", 1)));
        assertThat(check(workflow(List.of(s)))).singleElement().asString()
                .startsWith("Steps[0] ('A'): Condition").contains("Path");
    }

    @Test
    void preconditionSchemaErrorsAreReportedWithTheStepLabel() {
        DataMap s = okStep("A");
        s.put("Precondition", DataMap.of("Bogus", 1));
        assertThat(check(workflow(List.of(s)))).singleElement().asString()
                .startsWith("Steps[0] ('A'): Precondition");
    }

    @Test
    void preconditionGivenAsAListIsAnError() {
        DataMap s = okStep("A");
        s.put("Precondition", List.of(DataMap.of("Exists", "x")));
        assertThat(check(workflow(List.of(s)))).containsExactly(
                "Steps[0] ('A'): 'Precondition' must be a single condition node (hashtable), not a list.");
    }

    @Test
    void onPreconditionFalseAcceptsTheThreeModesInAnyCase() {
        for (String mode : List.of("Blocked", "fail", "CONTINUE", "blocked")) {
            DataMap s = okStep("A");
            s.put("OnPreconditionFalse", mode);
            assertThat(check(workflow(List.of(s)))).as(mode).isEmpty();
        }
    }

    @Test
    void onPreconditionFalseRejectsOtherValues() {
        DataMap s = okStep("A");
        s.put("OnPreconditionFalse", "Skip");
        assertThat(check(workflow(List.of(s)))).singleElement().asString()
                .contains("OnPreconditionFalse must be one of Blocked, Fail, Continue").contains("'Skip'");
    }

    @Test
    void preconditionEventMustBeAMap() {
        DataMap s = okStep("A");
        s.put("PreconditionEvent", "x");
        assertThat(check(workflow(List.of(s)))).singleElement().asString()
                .contains("PreconditionEvent must be a hashtable");
    }

    @Test
    void preconditionEventNeedsTypeAndMessageAndRejectsUnknownKeys() {
        DataMap s = okStep("A");
        s.put("PreconditionEvent", DataMap.of("Type", " ", "Extra", 1, "Data", "notamap"));
        assertThat(check(workflow(List.of(s)))).hasSize(4)
                .anySatisfy(e -> assertThat(e).contains("unknown key 'Extra'"))
                .anySatisfy(e -> assertThat(e).contains("PreconditionEvent.Type is required"))
                .anySatisfy(e -> assertThat(e).contains("PreconditionEvent.Message is required"))
                .anySatisfy(e -> assertThat(e).contains("PreconditionEvent.Data must be a hashtable"));
    }

    @Test
    void validPreconditionEventHasNoErrors() {
        DataMap s = okStep("A");
        s.put("PreconditionEvent", DataMap.of("type", "Blocked", "message", "m", "data", DataMap.of("k", 1)));
        assertThat(check(workflow(List.of(s)))).isEmpty();
    }

    @Test
    void retryProfileMustMatchThePattern() {
        for (String bad : List.of("", "has space", "a/b", "x".repeat(65))) {
            DataMap s = okStep("A");
            s.put("RetryProfile", bad);
            assertThat(check(workflow(List.of(s)))).as(bad).singleElement().asString()
                    .contains("RetryProfile");
        }
        for (String good : List.of("Fast", "a_b.c-1", "x".repeat(64))) {
            DataMap s = okStep("A");
            s.put("RetryProfile", good);
            assertThat(check(workflow(List.of(s)))).as(good).isEmpty();
        }
    }

    @Test
    void contextResolversMustBeAList() {
        DataMap wf = workflow(List.of());
        wf.put("ContextResolvers", DataMap.of("Capability", "IdLE.Identity.Read"));
        assertThat(check(wf)).containsExactly("'ContextResolvers' must be an array/list of resolver hashtables.");
    }

    @Test
    void contextResolverEntryKeysAreChecked() {
        DataMap wf = workflow(List.of());
        wf.put("ContextResolvers", List.of(
                DataMap.of("Capability", "IdLE.Identity.Read", "To", "x", "Provider", "AD"),
                DataMap.of("With", DataMap.of("Provider", " ", "AuthSessionOptions", "x")),
                "notamap"));
        List<String> errors = check(wf);
        assertThat(errors).contains(
                "ContextResolvers[0]: Unknown key 'To'. Allowed keys: Capability, With.",
                "ContextResolvers[0]: Unknown key 'Provider'. Allowed keys: Capability, With.",
                "Missing or empty required key 'ContextResolvers[1].Capability'.",
                "ContextResolvers[1]: With.Provider must not be blank.",
                "ContextResolvers[1]: With.AuthSessionOptions must be a hashtable.",
                "ContextResolvers[2]: each resolver must be a hashtable.");
        assertThat(errors).hasSize(6);
    }

    @Test
    void validContextResolverHasNoErrors() {
        DataMap wf = workflow(List.of());
        wf.put("ContextResolvers", List.of(DataMap.of("capability", "IdLE.Custom.Anything",
                "with", DataMap.of("IdentityKey", "x", "Provider", "AD", "AuthSessionOptions", null))));
        assertThat(check(wf)).isEmpty();
    }

    @Test
    void executableValueAnywhereIsRejectedWithItsPath() {
        DataMap s = okStep("A");
        s.put("With", DataMap.of("X", List.of("a", new ExecutableValue("Get-Date"))));
        assertThat(check(workflow(List.of(s)))).singleElement().asString()
                .contains("ScriptBlocks are not allowed").endsWith("Workflow.Steps[0].With.X[1]");
    }

    @Test
    void lifecycleEventMustMatchTheRequestCaseInsensitively() {
        DataMap wf = workflow(List.of());
        assertThat(WorkflowSchema.check(wf, "joiner")).isEmpty();
        assertThat(WorkflowSchema.check(wf, " ")).isEmpty();
        assertThat(WorkflowSchema.check(wf, "Leaver")).containsExactly(
                "Workflow LifecycleEvent 'Joiner' does not match request LifecycleEvent 'Leaver'.");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        DataMap bad = step("Name", "A", "When", 1, "RetryProfile", "no way", "OnPreconditionFalse", "x",
                "Condition", DataMap.of("Foo", 1));
        DataMap wf = DataMap.of("LifecycleEvent", "Joiner", "Extra", 1, "Steps", List.of(bad, okStep("a")));
        List<String> errors = WorkflowSchema.check(wf, "Leaver");
        assertThat(errors).hasSize(9)
                .anySatisfy(e -> assertThat(e).contains("Unknown root key 'Extra'"))
                .anySatisfy(e -> assertThat(e).contains("'Name'"))
                .anySatisfy(e -> assertThat(e).contains("does not match request LifecycleEvent"))
                .anySatisfy(e -> assertThat(e).contains("Unknown key 'When'"))
                .anySatisfy(e -> assertThat(e).contains("not unique"))
                .anySatisfy(e -> assertThat(e).contains("missing or empty required key 'Type'"))
                .anySatisfy(e -> assertThat(e).contains("Condition"))
                .anySatisfy(e -> assertThat(e).contains("OnPreconditionFalse"))
                .anySatisfy(e -> assertThat(e).contains("RetryProfile"));
    }
}
