package dev.idle.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.Providers;
import dev.idle.api.ValidationReport;
import dev.idle.api.data.DataMap;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.testing.TestPacks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowValidatorTest {
    private final WorkflowValidator validator = new WorkflowValidator(StepCatalog.of(List.of(TestPacks.PACK)));

    private static DataMap workflow(DataMap... steps) {
        return DataMap.of("Name", "WF", "LifecycleEvent", "Leaver", "Steps", new ArrayList<>(List.of(steps)));
    }

    private static DataMap disable(String name, DataMap with) {
        return DataMap.of("Name", name, "Type", "Test.Disable", "With", with);
    }

    @Test
    void validWorkflowHasNoErrorsOrWarnings() {
        ValidationReport r = validator.validate(workflow(disable("D", DataMap.of("IdentityKey", "x"))), null);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void schemaErrorsAreErrors() {
        DataMap wf = workflow(disable("D", DataMap.of("IdentityKey", "x")));
        wf.put("Bogus", 1);
        assertThat(validator.validate(wf, null).errors()).singleElement().asString()
                .contains("Unknown root key 'Bogus'");
    }

    @Test
    void unknownStepTypeIsAnError() {
        DataMap wf = workflow(DataMap.of("Name", "X", "Type", "No.Such.Type"));
        assertThat(validator.validate(wf, null).errors()).containsExactly(
                "Steps[0] ('X'): unknown step type 'No.Such.Type'. No step pack defines it.");
    }

    @Test
    void stepTypeLookupIsCaseInsensitive() {
        DataMap wf = workflow(DataMap.of("Name", "X", "Type", "test.emit"));
        assertThat(validator.validate(wf, null).errors()).isEmpty();
    }

    @Test
    void unsupportedAndMissingWithKeysAreWarnings() {
        ValidationReport r = validator.validate(workflow(disable("D", DataMap.of("Reason", "x"))), null);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("Steps[0] ('D'): ").contains("missing required With.IdentityKey"))
                .anySatisfy(w -> assertThat(w).contains("does not support With.Reason").endsWith("(an error when planning)"));
    }

    @Test
    void disallowedTemplateRootIsAWarning() {
        ValidationReport r = validator.validate(workflow(disable("D",
                DataMap.of("IdentityKey", "{{Request.Execution.Timestamp}}"))), null);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("not allowed")
                .endsWith("(an error when planning)");
    }

    @Test
    void templateSyntaxErrorsAreErrors() {
        ValidationReport r = validator.validate(workflow(disable("D",
                DataMap.of("IdentityKey", "{{Request.Intent.Name", "Provider", List.of("{{Request.Intent.A B}}")))),
                null);
        assertThat(r.errors()).hasSize(2)
                .anySatisfy(e -> assertThat(e).startsWith("Steps[0] ('D'): ").contains("Unbalanced braces"))
                .anySatisfy(e -> assertThat(e).contains("Invalid path pattern"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void templatePlaceholdersWithoutRequestDataAreNoProblem() {
        ValidationReport r = validator.validate(workflow(disable("D",
                DataMap.of("IdentityKey", "{{Request.IdentityKeys.Id}}"))), null);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void contextResolverTemplatesAreChecked() {
        DataMap wf = workflow();
        wf.put("ContextResolvers", List.of(DataMap.of("Capability", "IdLE.Identity.Read",
                "With", DataMap.of("IdentityKey", "Request.Intent.X}}"))));
        assertThat(validator.validate(wf, null).errors()).singleElement().asString()
                .startsWith("ContextResolvers[0]: ").contains("Unbalanced braces");
    }

    @Test
    void withProvidersAMissingAliasIsAnError() {
        Providers providers = Providers.builder().provider("AD", TestPacks.provider("IdLE.Identity.Disable")).build();
        ValidationReport r = validator.validate(workflow(disable("D", DataMap.of("IdentityKey", "x"))), providers);
        assertThat(r.errors()).singleElement().asString()
                .contains("provider alias 'Identity' is not supplied by the host").contains("AD");
    }

    @Test
    void withProvidersAMissingCapabilityOfTheResolvedAliasIsAnError() {
        Providers providers = Providers.builder()
                .provider("AD", TestPacks.provider("IdLE.Identity.Read"))
                .provider("Entra", TestPacks.provider("IdLE.Identity.Disable")).build();
        ValidationReport r = validator.validate(workflow(disable("D",
                DataMap.of("IdentityKey", "x", "Provider", "AD"))), providers);
        assertThat(r.errors()).singleElement().asString()
                .contains("provider 'AD' does not advertise required capability IdLE.Identity.Disable");
    }

    @Test
    void withProvidersSatisfiedCapabilitiesAreNoError() {
        Providers providers = Providers.builder()
                .provider("identity", TestPacks.provider("idle.identity.disable"))
                .provider("ExchangeOnline", TestPacks.provider("IdLE.Mailbox.Info.Read")).build();
        DataMap wf = workflow(disable("D", DataMap.of("IdentityKey", "x")),
                DataMap.of("Name", "M", "Type", "Test.Mailbox", "With", DataMap.of("IdentityKey", "x")),
                DataMap.of("Name", "E", "Type", "Test.Emit"));
        assertThat(validator.validate(wf, providers).errors()).isEmpty();
    }

    @Test
    void withoutProvidersCapabilitiesAreNotChecked() {
        assertThat(validator.validate(workflow(disable("D", DataMap.of("IdentityKey", "x"))), null).errors())
                .isEmpty();
    }

    @Test
    void onFailureStepsAreValidatedToo() {
        DataMap wf = workflow();
        wf.put("OnFailureSteps", List.of(DataMap.of("Name", "F", "Type", "Nope")));
        assertThat(validator.validate(wf, null).errors()).singleElement().asString()
                .startsWith("OnFailureSteps[0] ('F'): unknown step type 'Nope'");
    }
}
