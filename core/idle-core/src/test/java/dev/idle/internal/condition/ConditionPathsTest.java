package dev.idle.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionPathsTest {

    private static DataMap roots() {
        return DataMap.of("Request", DataMap.of(
                "Intent", DataMap.of("Department", "IT", "NullField", null, "Groups", List.of("a")),
                "Context", DataMap.of("Entitlements", List.of(DataMap.of("Id", "g1")))));
    }

    private static DataMap op(String operator, Object... spec) {
        return DataMap.of(operator, DataMap.of(spec));
    }

    @Test
    void staticCheckValidatesEqualsPathsUnderAnyGroup() {
        Object node = DataMap.of("Any", List.of(
                op("Equals", "Path", "Request.Intent.Department", "Value", "IT"),
                DataMap.of("None", List.of(op("NotEquals", "Path", "Request.Intent.Regoin", "Value", "EU")))));
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), false)).containsExactly("Request.Intent.Regoin");
    }

    @Test
    void staticCheckValidatesInPaths() {
        Object node = op("In", "Path", "Request.Intent.Missing", "Values", List.of("a"));
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), false)).containsExactly("Request.Intent.Missing");
    }

    @Test
    void staticCheckValidatesEqualsPathEvenAfterExists() {
        Object node = DataMap.of("All", List.of(
                DataMap.of("Exists", "Request.Intent.Region"),
                op("Equals", "Path", "Request.Intent.Region", "Value", "EU")));
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), false)).containsExactly("Request.Intent.Region");
    }

    @Test
    void staticCheckIgnoresContainsAndLikePaths() {
        Object node = DataMap.of("All", List.of(
                op("Contains", "Path", "Request.Intent.A", "Value", "x"),
                op("NotContains", "Path", "Request.Intent.B", "Value", "x"),
                op("Like", "Path", "Request.Intent.C", "Pattern", "*"),
                op("NotLike", "Path", "Request.Intent.D", "Pattern", "*")));
        assertThat(ConditionPaths.collectPaths(node, true)).isEmpty();
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), true)).isEmpty();
    }

    @Test
    void existsPathsAreCheckedOnlyWhenIncluded() {
        Object node = DataMap.of("Any", List.of(
                DataMap.of("Exists", "Request.Intent.Missing"),
                op("Exists", "Path", "Request.Intent.AlsoMissing")));
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), false)).isEmpty();
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), true))
                .containsExactly("Request.Intent.Missing", "Request.Intent.AlsoMissing");
    }

    @Test
    void presentNullPathExists() {
        Object node = op("Equals", "Path", "Request.Intent.NullField", "Value", "");
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), false)).isEmpty();
    }

    @Test
    void enumeratedMemberPathDoesNotExist() {
        Object node = op("Equals", "Path", "Request.Context.Entitlements.Id", "Value", "g1");
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), false))
                .containsExactly("Request.Context.Entitlements.Id");
    }

    @Test
    void indexedPathExistsWhenInRange() {
        Object node = DataMap.of("All", List.of(
                op("Equals", "Path", "Request.Context.Entitlements.0.Id", "Value", "g1"),
                op("Equals", "Path", "Request.Intent.Groups.1", "Value", "b")));
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), false)).containsExactly("Request.Intent.Groups.1");
    }

    @Test
    void contextPrefixIsStrippedCaseInsensitively() {
        Object node = DataMap.of("All", List.of(
                op("Equals", "Path", "context.Request.Intent.Department", "Value", "IT"),
                op("Equals", "Path", "Context.Request.Intent.Nope", "Value", "IT")));
        assertThat(ConditionPaths.collectPaths(node, false))
                .containsExactly("Request.Intent.Department", "Request.Intent.Nope");
        assertThat(ConditionPaths.unresolvedPaths(node, roots(), false)).containsExactly("Request.Intent.Nope");
    }

    @Test
    void pathsAreDeduplicatedInFirstSeenOrder() {
        Object node = DataMap.of("All", List.of(
                op("Equals", "Path", "Request.Intent.B", "Value", 1),
                op("In", "Path", "Request.Intent.A", "Values", 1),
                op("NotEquals", "Path", "context.Request.Intent.B", "Value", 2)));
        assertThat(ConditionPaths.collectPaths(node, false)).containsExactly("Request.Intent.B", "Request.Intent.A");
    }

    @Test
    void singleMapGroupPathsAreCollected() {
        Object node = DataMap.of("All", op("Equals", "Path", "Request.Intent.X", "Value", 1));
        assertThat(ConditionPaths.collectPaths(node, false)).containsExactly("Request.Intent.X");
    }

    @Test
    void operatorKeysAreMatchedIgnoringCase() {
        Object node = DataMap.of("any", List.of(DataMap.of("EQUALS", DataMap.of("path", "Request.Intent.Y", "Value", 1))));
        assertThat(ConditionPaths.collectPaths(node, false)).containsExactly("Request.Intent.Y");
    }
}
