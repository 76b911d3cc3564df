package dev.idle.internal.condition;

import static dev.idle.fuzz.CleanInputErrors.valueOrCleanError;
import static dev.idle.fuzz.Workflows.IDLE;
import static dev.idle.fuzz.Workflows.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.IdleInputException;
import dev.idle.api.Plan;
import dev.idle.api.ValidationReport;
import dev.idle.api.data.DataMap;
import dev.idle.fuzz.Workflows;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random condition trees — groups, every operator with operands of every type, unknown operators, {@code Like}
 * patterns with brackets, long and malformed paths — are validated without crashing; a tree that validates is
 * evaluated at plan time without error; and planning ends in a plan or a clean input error.
 */
class ConditionProperties {

    @Property
    void anyConditionTreeIsValidatedAndPlannedOrRefusedCleanly(@ForAll("conditions") Object condition) {
        DataMap workflow = Workflows.workflow(Workflows.emit("S", "Condition", condition));
        ValidationReport report = valueOrCleanError(SOURCE, () -> IDLE.validate(workflow, null));
        if (report != null) {
            assertThat(report.errors()).allSatisfy(e -> assertThat(e).isNotBlank());
        }
        valueOrCleanError(SOURCE, () -> IDLE.plan(workflow, Workflows.request(), null, SOURCE));
    }

    /** Operand types and wildcard syntax are checked by validate, so a validated tree never fails on them later. */
    @Property
    void aConditionThatPassesValidationIsEvaluatedAtPlanTime(@ForAll("conditions") Object condition) {
        DataMap workflow = Workflows.workflow(Workflows.emit("S", "Condition", condition));
        ValidationReport report = valueOrCleanError(SOURCE, () -> IDLE.validate(workflow, null));
        if (report != null && report.valid()) {
            // Only the request can tell whether a path resolves and what type its value has (Contains needs a list),
            // so those problems are left to plan time.
            try {
                Plan plan = IDLE.plan(workflow, Workflows.request(), null, SOURCE);
                assertThat(plan.steps()).hasSize(1);
            } catch (IdleInputException e) {
                assertThat(e.getMessage().lines().skip(1))
                        .as("plan-time problems of a validated condition: %s", e.getMessage())
                        .allSatisfy(line -> assertThat(line).containsAnyOf("unresolved condition path",
                                "requires Path to resolve to a list"));
            }
        }
    }

    @Provide
    Arbitrary<Object> conditions() {
        return Arbitraries.recursive(ConditionProperties::leaves,
                inner -> Arbitraries.oneOf(
                        Arbitraries.of("All", "Any", "None", "all", "Nope").flatMap(group ->
                                inner.list().ofMaxSize(3).map(children -> (Object) DataMap.of(group, children))),
                        inner.map(child -> (Object) DataMap.of("Any", child))),
                0, 4);
    }

    private static Arbitrary<Object> leaves() {
        Arbitrary<String> operators = Arbitraries.of("Equals", "NotEquals", "Exists", "In", "Contains",
                "NotContains", "Like", "NotLike", "like", "Matches", "Equals ", "");
        return Arbitraries.oneOf(
                operators.flatMap(op -> specs().map(spec -> (Object) DataMap.of(op, spec))),
                paths().map(p -> (Object) DataMap.of("Exists", p)),
                Arbitraries.of("Like", "NotLike").flatMap(op -> patterns().map(pattern ->
                        (Object) DataMap.of(op, DataMap.of("Path", "Request.Intent.Name", "Pattern", pattern)))),
                Arbitraries.of("Equals", "x").map(Object.class::cast),
                Arbitraries.just((Object) new DataMap()),
                Arbitraries.just((Object) DataMap.of("Equals", DataMap.of("Path", "Request.Intent.Dept", "Value",
                        "IT"), "Exists", "Request.Intent.Dept")));
    }

    private static Arbitrary<Object> specs() {
        return Arbitraries.oneOf(
                paths().flatMap(p -> operands().map(v -> (Object) DataMap.of("Path", p, "Value", v))),
                paths().flatMap(p -> operands().map(v -> (Object) DataMap.of("Path", p, "Values", v))),
                paths().flatMap(p -> patterns().map(v -> (Object) DataMap.of("Path", p, "Pattern", v))),
                paths().flatMap(p -> operands().map(v -> (Object) DataMap.of("Path", p, "Pattern", v))),
                paths().map(Object.class::cast),
                operands());
    }

    /** Paths to the request's values and beyond: missing, empty segments, many segments. */
    static Arbitrary<String> paths() {
        return Arbitraries.oneOf(
                Arbitraries.of("Request.Intent.Dept", "Request.Intent.Name", "Request.Intent.List",
                        "Request.Intent.Map", "Request.Intent.Map.B.C", "Request.Intent.Long", "Request.Intent.Empty",
                        "Request.Intent.Missing", "Plan.CorrelationId", "Workflow.Name", "Request.LifecycleEvent",
                        "Request.Intent..Dept", ".Request", "Request.Intent.", "", " ", "Intent.Dept",
                        "Request.IdentityKeys.Id"),
                Arbitraries.integers().between(1, 3_000).map(n -> "Request.Intent" + ".Map".repeat(n)),
                Arbitraries.strings().withChars("ab.[]*$ {}").ofMaxLength(30));
    }

    /** Values of every type an operand may (wrongly) have. */
    private static Arbitrary<Object> operands() {
        return Arbitraries.oneOf(
                Arbitraries.of("IT", "it", "a", "", "3").map(Object.class::cast),
                Arbitraries.just((Object) null),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just((Object) new ArrayList<>(List.of("IT", "HR"))),
                Arbitraries.just((Object) DataMap.of("Path", "Request.Intent.Dept")));
    }

    /** Wildcard patterns: well-formed and malformed brackets, ranges, escapes, long runs of stars. */
    static Arbitrary<Object> patterns() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab*?[]-`!^\\J").ofMaxLength(12).map(Object.class::cast),
                Arbitraries.of("[abc", "abc]", "[]", "[!]", "[a-]", "[z-a]*", "*[", "`[a]", "J*", "*Doe*", "[",
                        "*".repeat(2_000), "*a".repeat(1_000) + "b").map(Object.class::cast),
                Arbitraries.integers().between(1, 200_000).map(n -> (Object) ("*a".repeat(n / 2) + "?")));
    }
}
