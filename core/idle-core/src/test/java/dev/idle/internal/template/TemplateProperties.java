package dev.idle.internal.template;

import static dev.idle.fuzz.CleanInputErrors.valueOrCleanError;
import static dev.idle.fuzz.Workflows.IDLE;
import static dev.idle.fuzz.Workflows.SOURCE;

import dev.idle.api.data.DataMap;
import dev.idle.fuzz.Workflows;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random template strings — placeholders to existing, missing, non-scalar and disallowed paths, unbalanced and
 * escaped braces, thousands of placeholders, paths of thousands of segments — are validated without crashing and
 * planned into a plan or a clean input error.
 */
class TemplateProperties {

    @Property
    void anyTemplateStringIsValidatedAndPlannedOrRefusedCleanly(@ForAll("templates") String template) {
        DataMap workflow = Workflows.workflow(Workflows.emit("S", "With", DataMap.of("Message", template)));
        valueOrCleanError(SOURCE, () -> IDLE.validate(workflow, null));
        valueOrCleanError(SOURCE, () -> IDLE.plan(workflow, Workflows.request(), null, SOURCE));
    }

    @Property
    void anyTemplateInANestedWithValueIsPlannedOrRefusedCleanly(@ForAll("templates") String template,
                                                                @ForAll("keys") String key) {
        DataMap with = DataMap.of("Message", "x", key, DataMap.of("Inner",
                new java.util.ArrayList<>(java.util.List.of(template, DataMap.of(key, template)))));
        DataMap workflow = Workflows.workflow(DataMap.of("Name", "S", "Type", "Test.Any", "With", with));
        valueOrCleanError(SOURCE, () -> IDLE.validate(workflow, null));
        valueOrCleanError(SOURCE, () -> IDLE.plan(workflow, Workflows.request(), null, SOURCE));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("Attributes", "Password", "Notes", "x");
    }

    @Provide
    Arbitrary<String> templates() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(8),
                Arbitraries.of("{{", "}}", "{", "}", "\\{{", "{{}}", "{{ }}", "{{{{", "}}}}", "$", "`"),
                placeholderPaths().map(p -> "{{" + p + "}}"),
                placeholderPaths().map(p -> "{{ " + p + " }}"));
        return Arbitraries.oneOf(
                fragment.list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.integers().between(1, 3_000).map(n -> "{{Request.Intent.Dept}}-".repeat(n)),
                Arbitraries.integers().between(1, 3_000).map(n -> "{{Request.Intent" + ".X".repeat(n) + "}}"),
                Arbitraries.integers().between(1, 5_000).map(n -> "{{".repeat(n) + "}}".repeat(n / 2)));
    }

    private static Arbitrary<String> placeholderPaths() {
        return Arbitraries.oneOf(
                Arbitraries.of("Request.Intent.Dept", "Request.Intent.Name", "Request.Intent.List",
                        "Request.Intent.Map", "Request.Intent.Map.B.C", "Request.Intent.Long", "Request.Intent.Missing",
                        "Request.IdentityKeys.Id", "Request.CorrelationId", "Request.LifecycleEvent", "Plan.Steps",
                        "Workflow.Name", "Request.Intent.Password", "Request", "Request.Intent.", "Request..Intent",
                        "1Request", "Request.Intent.Dept.Length", "Request.Intent.List.0"),
                Arbitraries.strings().withChars("Request.Intn{}_ 0-").ofMaxLength(25));
    }
}
