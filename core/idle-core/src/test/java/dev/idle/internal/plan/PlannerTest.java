package dev.idle.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.internal.catalog.Capabilities;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.PlanWarning;
import dev.idle.api.Providers;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.testing.TestPacks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private final Idle idle = Idle.withStepPacks(List.of(TestPacks.PACK));

    private static DataMap workflow(DataMap... steps) {
        return DataMap.of("Name", "WF", "LifecycleEvent", "Leaver", "Steps", new ArrayList<>(List.of(steps)));
    }

    private static DataMap step(String name, String type, Object... more) {
        DataMap s = DataMap.of("Name", name, "Type", type);
        s.putAll(DataMap.of(more));
        return s;
    }

    private static DataMap disable(String name, Object... more) {
        DataMap s = step(name, "Test.Disable", "With", DataMap.of("IdentityKey", "{{Request.IdentityKeys.Id}}"));
        s.putAll(DataMap.of(more));
        return s;
    }

    private static LifecycleRequest request() {
        return LifecycleRequest.create("Leaver", "corr-1", "hr", DataMap.of("Id", "jdoe"),
                DataMap.of("Dept", "IT", "Nested", DataMap.of("A", "1")), null);
    }

    private Plan plan(DataMap wf, Providers providers) {
        return idle.plan(wf, request(), providers, "wf.psd1");
    }

    private IdleInputException planFails(DataMap wf, Providers providers) {
        return catchThrowableOfType(() -> plan(wf, providers), IdleInputException.class);
    }

    private static Providers identity(String... caps) {
        return Providers.builder().provider("Identity", TestPacks.provider(caps)).build();
    }

    private static DataMap equalsCondition(String path, Object value) {
        return DataMap.of("Equals", DataMap.of("Path", path, "Value", value));
    }

    @Test
    void trueConditionPlansTheStep() {
        Plan p = plan(workflow(disable("D", "Condition", equalsCondition("Request.Intent.Dept", "it"))), null);
        assertThat(p.steps()).singleElement().extracting(PlanStep::status).isEqualTo(StepStatus.Planned);
    }

    @Test
    void falseConditionMakesTheStepNotApplicable() {
        Plan p = plan(workflow(disable("D", "Condition", equalsCondition("Request.Intent.Dept", "HR"))), null);
        assertThat(p.steps()).singleElement().extracting(PlanStep::status).isEqualTo(StepStatus.NotApplicable);
    }

    @Test
    void conditionCanReadPlanAndWorkflowRoots() {
        DataMap cond = DataMap.of("All", List.of(equalsCondition("Workflow.Name", "wf"),
                equalsCondition("Plan.CorrelationId", "corr-1")));
        assertThat(plan(workflow(disable("D", "Condition", cond)), null).steps().get(0).status())
                .isEqualTo(StepStatus.Planned);
    }

    @Test
    void templatesInWithAreResolved() {
        Plan p = plan(workflow(disable("D")), null);
        assertThat(p.steps().get(0).with()).containsEntry("IdentityKey", "jdoe");
    }

    @Test
    void notApplicableStepSkipsTemplateAndWithSchemaErrors() {
        DataMap s = step("D", "Test.Disable", "Condition", equalsCondition("Request.Intent.Dept", "HR"),
                "With", DataMap.of("Unknown", "{{Request.Intent.Missing}}"));
        Plan p = plan(workflow(s), null);
        assertThat(p.steps().get(0).status()).isEqualTo(StepStatus.NotApplicable);
        assertThat(p.steps().get(0).with()).containsEntry("Unknown", "{{Request.Intent.Missing}}");
    }

    @Test
    void applicableStepReportsWithSchemaErrors() {
        DataMap s = step("D", "Test.Disable", "With", DataMap.of("Unknown", 1));
        assertThat(planFails(workflow(s), null).problems())
                .anySatisfy(e -> assertThat(e).contains("missing required With.IdentityKey"))
                .anySatisfy(e -> assertThat(e).contains("does not support With.Unknown"));
    }

    @Test
    void notApplicableStepNeedsNoCapabilityNorProvider() {
        Plan p = plan(workflow(disable("D", "Condition", equalsCondition("Request.Intent.Dept", "HR"))),
                Providers.none());
        assertThat(p.steps().get(0).status()).isEqualTo(StepStatus.NotApplicable);
    }

    @Test
    void onFailureStepsNeedTheirCapabilities() {
        DataMap wf = workflow(step("E", "Test.Emit"));
        wf.put("OnFailureSteps", List.of(disable("Undo")));
        assertThat(planFails(wf, identity("IdLE.Identity.Read")).problems()).singleElement().asString()
                .contains("MissingCapabilities: IdLE.Identity.Disable").contains("AffectedSteps: Undo");
    }

    @Test
    void everyErrorOfABuildIsCollectedIntoOneException() {
        DataMap wf = workflow(
                step("Unknown type", "No.Such"),
                step("Bad template", "Test.Emit", "With", DataMap.of("Message", "{{Request.Intent.Missing}}")),
                step("Bad schema", "Test.Emit", "With", DataMap.of("Nope", 1)),
                step("Bad path", "Test.Emit", "Condition", equalsCondition("Request.Intent.Typo", "x")));
        IdleInputException e = planFails(wf, null);
        assertThat(e.problems()).hasSize(4)
                .anySatisfy(p -> assertThat(p).startsWith("MissingStepTypeMetadata:").contains("'Unknown type'"))
                .anySatisfy(p -> assertThat(p).contains("Bad template").contains("resolved to null"))
                .anySatisfy(p -> assertThat(p).contains("does not support With.Nope"))
                .anySatisfy(p -> assertThat(p).contains("Workflow step 'Bad path' has unresolved condition path(s)"
                        + " in Condition: [Request.Intent.Typo]"));
        assertThat(e.getMessage()).startsWith("wf.psd1: Plan cannot be built:");
    }

    @Test
    void schemaErrorsAreReportedBeforePlanning() {
        DataMap wf = workflow(step("A", "Test.Emit", "When", 1));
        IdleInputException e = planFails(wf, null);
        assertThat(e.getMessage()).startsWith("wf.psd1: Workflow validation failed:");
        assertThat(e.problems()).singleElement().asString().contains("Unknown key 'When'");
    }

    @Test
    void lifecycleEventMismatchFailsThePlan() {
        DataMap wf = workflow(step("A", "Test.Emit"));
        wf.put("LifecycleEvent", "Joiner");
        assertThat(planFails(wf, null).problems()).singleElement().asString()
                .contains("does not match request LifecycleEvent 'Leaver'");
    }

    @Test
    void templateErrorsFailThePlan() {
        DataMap s = step("E", "Test.Emit", "With", DataMap.of("Message", "{{Plan.WorkflowName}}"));
        assertThat(planFails(workflow(s), null).problems()).singleElement().asString().contains("not allowed");
    }

    @Test
    void staticPathCheckCoversEqualsNotEqualsAndInAnywhereInTheTree() {
        DataMap cond = DataMap.of("Any", List.of(
                DataMap.of("Exists", "Request.Intent.Absent"),
                DataMap.of("None", List.of(DataMap.of("NotEquals", DataMap.of("Path", "Request.Intent.A1", "Value", 1)))),
                DataMap.of("In", DataMap.of("Path", "Request.Intent.A2", "Values", List.of(1))),
                equalsCondition("Request.Intent.A3", 1),
                DataMap.of("Like", DataMap.of("Path", "Request.Intent.NotChecked", "Pattern", "*"))));
        assertThat(planFails(workflow(step("S", "Test.Emit", "Condition", cond)), null).problems())
                .singleElement().asString()
                .contains("[Request.Intent.A1, Request.Intent.A2, Request.Intent.A3]");
    }

    @Test
    void existsAndListOperatorsTolerateAbsentDataInACondition() {
        DataMap cond = DataMap.of("Any", List.of(DataMap.of("Exists", "Request.Intent.Absent"),
                DataMap.of("Contains", DataMap.of("Path", "Request.Intent.Absent2", "Value", "x"))));
        assertThat(plan(workflow(step("S", "Test.Emit", "Condition", cond)), null).steps().get(0).status())
                .isEqualTo(StepStatus.NotApplicable);
    }

    @Test
    void missingRequestContextPreconditionPathIsAWarningOnPlanAndStep() {
        DataMap pre = DataMap.of("Exists", "Request.Context.Views.Identity.Profile");
        Plan p = plan(workflow(step("S", "Test.Emit", "Precondition", pre)), null);
        PlanWarning w = p.warnings().get(0);
        assertThat(p.warnings()).hasSize(1);
        assertThat(w.code()).isEqualTo("PreconditionContextPathUnresolvedAtPlan");
        assertThat(w.type()).isEqualTo("Warning");
        assertThat(w.step()).isEqualTo("S");
        assertThat(w.source()).isEqualTo("Precondition");
        assertThat(w.paths()).containsExactly("Request.Context.Views.Identity.Profile");
        assertThat(p.steps().get(0).warnings()).containsExactly(w);
    }

    @Test
    void stepsWithoutPreconditionWarningsHaveAnEmptyWarningList() {
        Plan p = plan(workflow(step("S", "Test.Emit")), null);
        assertThat(p.warnings()).isEmpty();
        assertThat(p.steps().get(0).warnings()).isEmpty();
    }

    @Test
    void missingNonContextPreconditionPathIsAnError() {
        DataMap pre = DataMap.of("All", List.of(DataMap.of("Exists", "Request.Intent.X"),
                DataMap.of("Exists", "Request.Context.Later")));
        IdleInputException e = planFails(workflow(step("S", "Test.Emit", "Precondition", pre)), null);
        assertThat(e.problems()).singleElement().asString()
                .contains("Workflow step 'S' has unresolved condition path(s) in Precondition: [Request.Intent.X]");
    }

    @Test
    void onPreconditionFalseIsNormalised() {
        DataMap s = step("S", "Test.Emit", "Precondition", DataMap.of("Exists", "Request.Intent.Dept"),
                "OnPreconditionFalse", "blocked");
        DataMap t = step("T", "Test.Emit", "OnPreconditionFalse", "CONTINUE");
        Plan p = plan(workflow(s, t, step("U", "Test.Emit")), null);
        assertThat(p.steps()).extracting(PlanStep::onPreconditionFalse).containsExactly("Blocked", "Continue", null);
    }

    @Test
    void providerAliasComesFromWithProviderElseTheMetadataDefault() {
        DataMap explicit = disable("A");
        explicit.getMap("With").put("Provider", "Entra");
        Plan p = plan(workflow(explicit, disable("B"), step("C", "Test.Emit")), null);
        assertThat(p.steps()).extracting(PlanStep::provider).containsExactly("Entra", "Identity", null);
    }

    @Test
    void providerAliasMayComeFromATemplate() {
        DataMap s = disable("A");
        s.getMap("With").put("Provider", "{{Request.Intent.Dept}}");
        assertThat(plan(workflow(s), null).steps().get(0).provider()).isEqualTo("IT");
    }

    @Test
    void missingProviderAliasIsAnError() {
        Providers providers = Providers.builder().provider("AD", TestPacks.provider("IdLE.Identity.Disable")).build();
        assertThat(planFails(workflow(disable("D")), providers).problems()).singleElement().asString()
                .contains("Step 'D' uses provider alias 'Identity', which the host did not supply")
                .contains("Available aliases: AD.");
    }

    @Test
    void capabilitiesAreCheckedAgainstTheAliasEachStepResolvesTo() {
        Providers providers = Providers.builder()
                .provider("AD", TestPacks.provider("IdLE.Identity.Read"))
                .provider("Entra", TestPacks.provider("IdLE.Identity.Disable"))
                .provider("Identity", TestPacks.provider()).build();
        DataMap onAd = disable("On AD");
        onAd.getMap("With").put("Provider", "AD");
        DataMap onEntra = disable("On Entra");
        onEntra.getMap("With").put("Provider", "Entra");
        IdleInputException e = planFails(workflow(onAd, onEntra, disable("On Identity")), providers);
        assertThat(e.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("Provider: AD ")
                        .contains("MissingCapabilities: IdLE.Identity.Disable")
                        .contains("AffectedSteps: On AD").contains("AvailableCapabilities: IdLE.Identity.Read"))
                .anySatisfy(p -> assertThat(p).contains("Provider: Identity ").contains("AffectedSteps: On Identity"));
    }

    @Test
    void missingCapabilityErrorCarriesTheProvidersReason() {
        dev.idle.spi.Provider explaining = new dev.idle.spi.Provider() {
            @Override
            public List<String> capabilities() {
                return List.of("IdLE.Identity.Read");
            }

            @Override
            public String whyNot(String capability) {
                return capability.equalsIgnoreCase("IdLE.Identity.Disable") ? "disabling is not possible here." : null;
            }
        };
        Providers providers = Providers.builder().provider("Identity", explaining).build();
        assertThat(planFails(workflow(disable("D")), providers).problems()).singleElement().asString()
                .contains("MissingCapabilities: IdLE.Identity.Disable")
                .endsWith("Reason (IdLE.Identity.Disable): disabling is not possible here.");
    }

    @Test
    void missingCapabilityErrorWithoutAReasonIsUnchanged() {
        Providers providers = Providers.builder().provider("Identity", TestPacks.provider("IdLE.Identity.Read")).build();
        assertThat(planFails(workflow(disable("D")), providers).problems()).singleElement().asString()
                .endsWith("AvailableCapabilities: IdLE.Identity.Read");
    }

    @Test
    void deprecatedMailboxReadIsNormalisedForStepsAndProviders() {
        DataMap s = step("M", "Test.Mailbox", "With", DataMap.of("IdentityKey", "x"));
        Providers providers = Providers.builder()
                .provider("ExchangeOnline", TestPacks.provider("IdLE.Mailbox.Read")).build();
        Plan p = plan(workflow(s), providers);
        assertThat(p.steps().get(0).requiresCapabilities()).containsExactly("IdLE.Mailbox.Info.Read");
    }

    @Test
    void capabilitiesNormaliseTrimsDedupesSortsAndMapsTheDeprecatedAlias() {
        assertThat(Capabilities.normalise(List.of(" IdLE.Mailbox.Read ", "IdLE.B.X", "idle.mailbox.info.read", "",
                "IdLE.A.X"))).containsExactly("IdLE.A.X", "IdLE.B.X", "IdLE.Mailbox.Info.Read");
        assertThat(Capabilities.normalise(null)).isEmpty();
    }

    @Test
    void requestSnapshotIsADeepCopy() {
        LifecycleRequest r = request();
        Plan p = idle.plan(workflow(step("S", "Test.Emit")), r, null, "wf.psd1");
        r.intent().put("Dept", "HR");
        r.intent().getMap("Nested").put("A", "changed");
        r.context().put("New", 1);
        assertThat(p.request().intent()).containsEntry("Dept", "IT");
        assertThat(p.request().intent().getMap("Nested")).containsEntry("A", "1");
        assertThat(p.request().context()).isEmpty();
        assertThat(p.correlationId()).isEqualTo("corr-1");
    }

    @Test
    void planCarriesWorkflowNameAndStepFields() {
        DataMap wf = workflow(step("S", "Test.Emit", "Description", "desc", "RetryProfile", "Fast"));
        wf.put("OnFailureSteps", List.of(step("F", "Test.Emit")));
        Plan p = plan(wf, null);
        assertThat(p.workflowName()).isEqualTo("WF");
        assertThat(p.steps().get(0).description()).isEqualTo("desc");
        assertThat(p.steps().get(0).retryProfile()).isEqualTo("Fast");
        assertThat(p.steps().get(0).with()).isEmpty();
        assertThat(p.onFailureSteps()).extracting(PlanStep::name).containsExactly("F");
    }

    @Test
    void contextResolversWithoutProvidersAreRejected() {
        DataMap wf = workflow(step("S", "Test.Emit"));
        wf.put("ContextResolvers", List.of(DataMap.of("Capability", "IdLE.Identity.Read",
                "With", DataMap.of("IdentityKey", "x"))));
        assertThatThrownBy(() -> plan(wf, null)).isInstanceOf(IdleInputException.class)
                .hasMessageContaining("ContextResolvers");
    }

    @Test
    void notApplicableStepStillNeedsStepTypeMetadata() {
        DataMap s = step("X", "No.Such", "Condition", equalsCondition("Request.Intent.Dept", "HR"));
        assertThat(planFails(workflow(s), null).problems()).singleElement().asString()
                .startsWith("MissingStepTypeMetadata:").contains("Providers.StepMetadata['No.Such']");
    }

    @Test
    void withoutProvidersNoAliasOrCapabilityIsChecked() {
        Plan p = plan(workflow(disable("D")), null);
        assertThat(p.steps().get(0).requiresCapabilities()).containsExactly("IdLE.Identity.Disable");
        assertThat(p.steps().get(0).provider()).isEqualTo("Identity");
    }
}
