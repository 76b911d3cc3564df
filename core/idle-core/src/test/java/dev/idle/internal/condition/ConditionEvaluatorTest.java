package dev.idle.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {

    private static DataMap roots() {
        return DataMap.of(
                "Request", DataMap.of(
                        "LifecycleEvent", "Joiner",
                        "Intent", DataMap.of(
                                "Department", "IT",
                                "Enabled", true,
                                "Count", 5,
                                "NullField", null,
                                "Tags", List.of("a", "b"),
                                "OneTag", List.of("vip"),
                                "NoTags", List.of(),
                                "Manager", DataMap.of("Name", "boss")),
                        "Context", DataMap.of(
                                "Entitlements", List.of(DataMap.of("Id", "g1"), DataMap.of("Id", "g2")),
                                "OneEntitlement", List.of(DataMap.of("Id", "g1")))),
                "Plan", DataMap.of("WorkflowName", "Joiner - Standard"),
                "Workflow", DataMap.of("Name", "Joiner - Standard"));
    }

    private static boolean eval(Object node) {
        return ConditionEvaluator.evaluate(node, roots());
    }

    private static DataMap op(String operator, Object... spec) {
        return DataMap.of(operator, DataMap.of(spec));
    }

    private static final DataMap TRUE = op("Equals", "Path", "Request.Intent.Department", "Value", "IT");
    private static final DataMap FALSE = op("Equals", "Path", "Request.Intent.Department", "Value", "HR");

    /** A node that throws when evaluated, to prove short-circuiting. */
    private static final DataMap BOOM = op("Contains", "Path", "Request.Intent.Department", "Value", "x");

    // ---- groups

    @Test
    void allIsTrueWhenEveryChildIsTrue() {
        assertThat(eval(DataMap.of("All", List.of(TRUE, TRUE)))).isTrue();
    }

    @Test
    void allIsFalseWhenAnyChildIsFalse() {
        assertThat(eval(DataMap.of("All", List.of(TRUE, FALSE)))).isFalse();
    }

    @Test
    void allShortCircuitsOnFirstFalse() {
        assertThat(eval(DataMap.of("All", List.of(FALSE, BOOM)))).isFalse();
    }

    @Test
    void anyIsTrueWhenSomeChildIsTrue() {
        assertThat(eval(DataMap.of("Any", List.of(FALSE, TRUE)))).isTrue();
    }

    @Test
    void anyIsFalseWhenNoChildIsTrue() {
        assertThat(eval(DataMap.of("Any", List.of(FALSE, FALSE)))).isFalse();
    }

    @Test
    void anyShortCircuitsOnFirstTrue() {
        assertThat(eval(DataMap.of("Any", List.of(TRUE, BOOM)))).isTrue();
    }

    @Test
    void noneIsTrueWhenNoChildIsTrue() {
        assertThat(eval(DataMap.of("None", List.of(FALSE, FALSE)))).isTrue();
    }

    @Test
    void noneIsFalseWhenSomeChildIsTrue() {
        assertThat(eval(DataMap.of("None", List.of(FALSE, TRUE)))).isFalse();
    }

    @Test
    void noneShortCircuitsOnFirstTrue() {
        assertThat(eval(DataMap.of("None", List.of(TRUE, BOOM)))).isFalse();
    }

    @Test
    void groupWithSingleMapIsEvaluatedAsOneChild() {
        assertThat(eval(DataMap.of("All", TRUE))).isTrue();
        assertThat(eval(DataMap.of("Any", FALSE))).isFalse();
    }

    @Test
    void groupAndOperatorKeysAreCaseInsensitive() {
        assertThat(eval(DataMap.of("aLL", List.of(DataMap.of("equals", DataMap.of("PATH", "Request.Intent.Department", "value", "IT"))))))
                .isTrue();
    }

    // ---- Equals / NotEquals

    @Test
    void equalsIsTrueForSameValue() {
        assertThat(eval(TRUE)).isTrue();
    }

    @Test
    void equalsIsFalseForOtherValue() {
        assertThat(eval(FALSE)).isFalse();
    }

    @Test
    void equalsComparesCaseInsensitively() {
        assertThat(eval(op("Equals", "Path", "Request.Intent.Department", "Value", "it"))).isTrue();
    }

    @Test
    void equalsComparesStringForms() {
        assertThat(eval(op("Equals", "Path", "Request.Intent.Enabled", "Value", "TRUE"))).isTrue();
        assertThat(eval(op("Equals", "Path", "Request.Intent.Count", "Value", "5"))).isTrue();
    }

    @Test
    void equalsOnListComparesSpaceJoinedString() {
        assertThat(eval(op("Equals", "Path", "Request.Intent.Tags", "Value", "a b"))).isTrue();
    }

    @Test
    void equalsOnOneElementListComparesItsElement() {
        assertThat(eval(op("Equals", "Path", "Request.Intent.OneTag", "Value", "VIP"))).isTrue();
    }

    @Test
    void presentNullEqualsEmptyString() {
        assertThat(eval(op("Equals", "Path", "Request.Intent.NullField", "Value", ""))).isTrue();
        assertThat(eval(op("Equals", "Path", "Request.Intent.NullField", "Value", null))).isTrue();
    }

    @Test
    void notEqualsIsTrueForOtherValue() {
        assertThat(eval(op("NotEquals", "Path", "Request.Intent.Department", "Value", "HR"))).isTrue();
    }

    @Test
    void notEqualsIsFalseForSameValueInOtherCase() {
        assertThat(eval(op("NotEquals", "Path", "Request.Intent.Department", "Value", "it"))).isFalse();
    }

    @Test
    void conditionsSeePlanAndWorkflowRoots() {
        assertThat(eval(op("Equals", "Path", "Plan.WorkflowName", "Value", "Joiner - Standard"))).isTrue();
        assertThat(eval(op("Equals", "Path", "Workflow.Name", "Value", "joiner - standard"))).isTrue();
    }

    @Test
    void contextPrefixIsStrippedCaseInsensitively() {
        assertThat(eval(op("Equals", "Path", "context.Request.Intent.Department", "Value", "IT"))).isTrue();
        assertThat(eval(op("Equals", "Path", "Context.Request.Intent.Department", "Value", "IT"))).isTrue();
        assertThat(eval(DataMap.of("Exists", "CONTEXT.Plan.WorkflowName"))).isTrue();
    }

    // ---- Exists

    @Test
    void existsStringFormIsTrueForAValue() {
        assertThat(eval(DataMap.of("Exists", "Request.Intent.Department"))).isTrue();
    }

    @Test
    void existsStringFormIsFalseForAnAbsentKey() {
        assertThat(eval(DataMap.of("Exists", "Request.Intent.Missing"))).isFalse();
    }

    @Test
    void existsMapFormIsTrueForAValue() {
        assertThat(eval(op("Exists", "Path", "Request.Intent.Manager.Name"))).isTrue();
    }

    @Test
    void existsMapFormIsFalseForAnAbsentKey() {
        assertThat(eval(op("Exists", "Path", "Request.Intent.Manager.Email"))).isFalse();
    }

    @Test
    void existsIsFalseForAPresentNull() {
        assertThat(eval(DataMap.of("Exists", "Request.Intent.NullField"))).isFalse();
    }

    @Test
    void emptyListCountsAsAbsentForExists() {
        assertThat(eval(DataMap.of("Exists", "Request.Intent.NoTags"))).isFalse();
    }

    @Test
    void existsIsTrueForOneElementList() {
        assertThat(eval(DataMap.of("Exists", "Request.Intent.OneTag"))).isTrue();
    }

    @Test
    void existsOnEnumeratedMemberIsTrue() {
        assertThat(eval(DataMap.of("Exists", "Request.Context.Entitlements.Id"))).isTrue();
    }

    @Test
    void numericSegmentIndexesList() {
        assertThat(eval(op("Equals", "Path", "Request.Intent.Tags.1", "Value", "b"))).isTrue();
        assertThat(eval(op("Equals", "Path", "Request.Context.Entitlements.0.Id", "Value", "g1"))).isTrue();
        assertThat(eval(DataMap.of("Exists", "Request.Intent.Tags.2"))).isFalse();
    }

    // ---- In

    @Test
    void inIsTrueWhenValueIsInTheList() {
        assertThat(eval(op("In", "Path", "Request.Intent.Department", "Values", List.of("HR", "it")))).isTrue();
    }

    @Test
    void inIsFalseWhenValueIsNotInTheList() {
        assertThat(eval(op("In", "Path", "Request.Intent.Department", "Values", List.of("HR", "Sales")))).isFalse();
    }

    @Test
    void inTreatsScalarValuesAsOneElementList() {
        assertThat(eval(op("In", "Path", "Request.Intent.Department", "Values", "IT"))).isTrue();
        assertThat(eval(op("In", "Path", "Request.Intent.Department", "Values", "HR"))).isFalse();
    }

    @Test
    void inWithNullValuesIsFalse() {
        assertThat(eval(op("In", "Path", "Request.Intent.Department", "Values", null))).isFalse();
    }

    @Test
    void inComparesStringForms() {
        assertThat(eval(op("In", "Path", "Request.Intent.Count", "Values", List.of(4L, 5L)))).isTrue();
    }

    // ---- Contains / NotContains

    @Test
    void containsIsTrueWhenListHasTheValue() {
        assertThat(eval(op("Contains", "Path", "Request.Intent.Tags", "Value", "B"))).isTrue();
    }

    @Test
    void containsIsFalseWhenListLacksTheValue() {
        assertThat(eval(op("Contains", "Path", "Request.Intent.Tags", "Value", "c"))).isFalse();
    }

    @Test
    void containsWorksOnOneElementList() {
        assertThat(eval(op("Contains", "Path", "Request.Intent.OneTag", "Value", "vip"))).isTrue();
    }

    @Test
    void containsWorksOnEnumeratedMembers() {
        assertThat(eval(op("Contains", "Path", "Request.Context.Entitlements.Id", "Value", "g2"))).isTrue();
        assertThat(eval(op("Contains", "Path", "Request.Context.OneEntitlement.Id", "Value", "g1"))).isTrue();
    }

    @Test
    void containsOnNullPathIsFalse() {
        assertThat(eval(op("Contains", "Path", "Request.Intent.Missing", "Value", "x"))).isFalse();
    }

    @Test
    void containsOnEmptyListIsFalse() {
        assertThat(eval(op("Contains", "Path", "Request.Intent.NoTags", "Value", "x"))).isFalse();
    }

    @Test
    void containsOnMapIsAnError() {
        assertThatThrownBy(() -> eval(op("Contains", "Path", "Request.Intent.Manager", "Value", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Contains requires Path to resolve to a list/array, not a hashtable/dictionary");
    }

    @Test
    void containsOnScalarIsAnError() {
        assertThatThrownBy(() -> eval(op("Contains", "Path", "Request.Intent.Department", "Value", "IT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Contains requires Path to resolve to a list, but got 'String'");
    }

    @Test
    void notContainsIsTrueWhenListLacksTheValue() {
        assertThat(eval(op("NotContains", "Path", "Request.Intent.Tags", "Value", "c"))).isTrue();
    }

    @Test
    void notContainsIsFalseWhenListHasTheValue() {
        assertThat(eval(op("NotContains", "Path", "Request.Intent.Tags", "Value", "A"))).isFalse();
    }

    @Test
    void notContainsOnNullPathIsTrue() {
        assertThat(eval(op("NotContains", "Path", "Request.Intent.Missing", "Value", "x"))).isTrue();
    }

    @Test
    void notContainsOnMapIsAnError() {
        assertThatThrownBy(() -> eval(op("NotContains", "Path", "Request.Intent.Manager", "Value", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NotContains requires Path to resolve to a list/array, not a hashtable/dictionary");
    }

    @Test
    void notContainsOnScalarIsAnError() {
        assertThatThrownBy(() -> eval(op("NotContains", "Path", "Request.Intent.Count", "Value", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NotContains requires Path to resolve to a list, but got 'Integer'");
    }

    // ---- Like / NotLike

    @Test
    void likeIsTrueWhenScalarMatches() {
        assertThat(eval(op("Like", "Path", "Request.LifecycleEvent", "Pattern", "join*"))).isTrue();
    }

    @Test
    void likeIsFalseWhenScalarDoesNotMatch() {
        assertThat(eval(op("Like", "Path", "Request.LifecycleEvent", "Pattern", "Leav*"))).isFalse();
    }

    @Test
    void likeOnListIsTrueWhenAnyItemMatches() {
        assertThat(eval(op("Like", "Path", "Request.Intent.Tags", "Pattern", "[b-c]"))).isTrue();
        assertThat(eval(op("Like", "Path", "Request.Intent.Tags", "Pattern", "z*"))).isFalse();
    }

    @Test
    void likeMatchesTheStringFormOfNonStrings() {
        assertThat(eval(op("Like", "Path", "Request.Intent.Enabled", "Pattern", "t*"))).isTrue();
    }

    @Test
    void likeOnNullPathIsFalse() {
        assertThat(eval(op("Like", "Path", "Request.Intent.Missing", "Pattern", "*"))).isFalse();
    }

    @Test
    void likeWithNullPatternMatchesOnlyEmptyText() {
        assertThat(eval(op("Like", "Path", "Request.Intent.Department", "Pattern", null))).isFalse();
    }

    @Test
    void likeOnMapIsAnError() {
        assertThatThrownBy(() -> eval(op("Like", "Path", "Request.Intent.Manager", "Pattern", "*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Like cannot evaluate a hashtable/dictionary");
    }

    @Test
    void likeWithMalformedPatternIsAnError() {
        assertThatThrownBy(() -> eval(op("Like", "Path", "Request.Intent.Department", "Pattern", "[I")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Like: ")
                .hasMessageContaining("never closed");
    }

    @Test
    void notLikeIsTrueWhenScalarDoesNotMatch() {
        assertThat(eval(op("NotLike", "Path", "Request.LifecycleEvent", "Pattern", "Leav*"))).isTrue();
    }

    @Test
    void notLikeIsFalseWhenScalarMatches() {
        assertThat(eval(op("NotLike", "Path", "Request.LifecycleEvent", "Pattern", "JOINER"))).isFalse();
    }

    @Test
    void notLikeOnListIsFalseWhenAnyItemMatches() {
        assertThat(eval(op("NotLike", "Path", "Request.Intent.Tags", "Pattern", "a"))).isFalse();
        assertThat(eval(op("NotLike", "Path", "Request.Intent.Tags", "Pattern", "z"))).isTrue();
    }

    @Test
    void notLikeOnNullPathIsTrue() {
        assertThat(eval(op("NotLike", "Path", "Request.Intent.Missing", "Pattern", "*"))).isTrue();
    }

    @Test
    void notLikeOnMapIsAnError() {
        assertThatThrownBy(() -> eval(op("NotLike", "Path", "Request.Intent.Manager", "Pattern", "*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NotLike cannot evaluate a hashtable/dictionary");
    }

    @Test
    void memberAccessSkipsNullItemsWhenContainsChecksThem() {
        DataMap roots = DataMap.of("Request", DataMap.of("L", Arrays.asList(DataMap.of("Id", "a"), null)));
        assertThat(ConditionEvaluator.evaluate(op("Contains", "Path", "Request.L.Id", "Value", ""), roots)).isFalse();
    }

    @Test
    void nonMapNodeIsAnError() {
        assertThatThrownBy(() -> eval("Request.Intent.Department"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a hashtable/dictionary");
    }
}
