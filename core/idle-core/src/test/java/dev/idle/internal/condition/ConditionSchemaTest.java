package dev.idle.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionSchemaTest {

    private static final String PREFIX = "Step 'X': Condition";

    private static List<String> validate(Object node) {
        return ConditionSchema.validate(node, PREFIX);
    }

    private static DataMap equalsNode(String path, Object value) {
        return DataMap.of("Equals", DataMap.of("Path", path, "Value", value));
    }

    @Test
    void validOperatorNodeHasNoErrors() {
        assertThat(validate(equalsNode("Request.Intent.X", "a"))).isEmpty();
    }

    @Test
    void validNestedGroupsHaveNoErrors() {
        Object node = DataMap.of("All", List.of(
                DataMap.of("Any", List.of(DataMap.of("Exists", "Request.Intent.A"))),
                DataMap.of("None", List.of(DataMap.of("Like", DataMap.of("Path", "p", "Pattern", "*"))))));
        assertThat(validate(node)).isEmpty();
    }

    @Test
    void keysAreCaseInsensitive() {
        Object node = DataMap.of("all", List.of(DataMap.of("EQUALS", DataMap.of("path", "p", "VALUE", 1))));
        assertThat(validate(node)).isEmpty();
    }

    @Test
    void nodeMustBeAMap() {
        assertThat(validate("Request.Intent.X"))
                .containsExactly("Step 'X': Condition: Condition node must be a hashtable/dictionary.");
    }

    @Test
    void groupAndOperatorTogetherIsAnError() {
        Object node = DataMap.of("All", List.of(equalsNode("p", 1)), "Exists", "p");
        assertThat(validate(node)).singleElement().asString()
                .startsWith("Step 'X': Condition: ").contains("either a group").contains("not both");
    }

    @Test
    void nodeWithoutKnownKeyIsAnError() {
        assertThat(validate(DataMap.of("Foo", 1))).singleElement().asString()
                .contains("must specify one group").doesNotContain("Unknown key");
    }

    @Test
    void twoOperatorsInOneNodeIsAnError() {
        Object node = DataMap.of("Exists", "a", "Equals", DataMap.of("Path", "b", "Value", 1));
        assertThat(validate(node)).singleElement().asString().contains("exactly one group/operator key");
    }

    @Test
    void unknownKeysAreReportedOneEach() {
        Object node = DataMap.of("Exists", "a", "When", 1, "Other", 2);
        assertThat(validate(node)).containsExactly(
                "Step 'X': Condition: Unknown key 'When' in condition node.",
                "Step 'X': Condition: Unknown key 'Other' in condition node.");
    }

    @Test
    void nullGroupIsAnError() {
        assertThat(validate(DataMap.of("All", null))).singleElement().asString()
                .startsWith("Step 'X': Condition.All: ").contains("must not be null");
    }

    @Test
    void scalarGroupIsAnError() {
        assertThat(validate(DataMap.of("Any", "x"))).singleElement().asString()
                .contains("must be an array/list of condition nodes");
    }

    @Test
    void emptyGroupIsAnError() {
        assertThat(validate(DataMap.of("None", List.of())))
                .containsExactly("Step 'X': Condition.None: Group must contain at least one condition node.");
    }

    @Test
    void groupWithSingleMapIsAcceptedAsOneChild() {
        assertThat(validate(DataMap.of("All", equalsNode("p", 1)))).isEmpty();
    }

    @Test
    void singleMapGroupChildIsStillValidated() {
        assertThat(validate(DataMap.of("All", equalsNode("", 1))))
                .containsExactly("Step 'X': Condition.All[0].Equals: Missing or empty Path.");
    }

    @Test
    void childErrorsNameTheirPosition() {
        Object node = DataMap.of("All", List.of(equalsNode("p", 1), equalsNode(" ", 1)));
        assertThat(validate(node)).containsExactly("Step 'X': Condition.All[1].Equals: Missing or empty Path.");
    }

    @Test
    void schemaReportsEveryErrorInTheTree() {
        Object node = DataMap.of("All", List.of(
                equalsNode("", 1),
                "not a node",
                DataMap.of("Any", List.of()),
                DataMap.of("In", DataMap.of("Path", "p")),
                DataMap.of("None", List.of(DataMap.of("Like", DataMap.of("Path", "p"))))));
        assertThat(validate(node)).containsExactly(
                "Step 'X': Condition.All[0].Equals: Missing or empty Path.",
                "Step 'X': Condition.All[1]: Condition node must be a hashtable/dictionary.",
                "Step 'X': Condition.All[2].Any: Group must contain at least one condition node.",
                "Step 'X': Condition.All[3].In: Missing Values.",
                "Step 'X': Condition.All[4].None[0].Like: Missing Pattern.");
    }

    @Test
    void equalsNeedsAValueKeyButTheValueMayBeNull() {
        assertThat(validate(equalsNode("p", null))).isEmpty();
        assertThat(validate(DataMap.of("NotEquals", DataMap.of("Path", "p"))))
                .containsExactly("Step 'X': Condition.NotEquals: Missing Value.");
    }

    @Test
    void operatorReportsAllItsProblems() {
        assertThat(validate(DataMap.of("Contains", DataMap.of("Pth", "p")))).containsExactly(
                "Step 'X': Condition.Contains: Unknown key 'Pth' in Contains. Allowed keys: Path, Value.",
                "Step 'X': Condition.Contains: Missing or empty Path.",
                "Step 'X': Condition.Contains: Missing Value.");
    }

    @Test
    void operatorValueMustBeAMap() {
        assertThat(validate(DataMap.of("NotContains", "p"))).singleElement().asString()
                .contains("NotContains must be a hashtable with keys Path, Value");
    }

    @Test
    void pathMustBeAString() {
        assertThat(validate(DataMap.of("Equals", DataMap.of("Path", 5, "Value", 1))))
                .containsExactly("Step 'X': Condition.Equals: Missing or empty Path.");
    }

    @Test
    void existsAcceptsAStringPath() {
        assertThat(validate(DataMap.of("Exists", "Request.Intent.X"))).isEmpty();
    }

    @Test
    void existsAcceptsAPathMap() {
        assertThat(validate(DataMap.of("Exists", DataMap.of("Path", "Request.Intent.X")))).isEmpty();
    }

    @Test
    void existsWithBlankPathIsAnError() {
        assertThat(validate(DataMap.of("Exists", "  ")))
                .containsExactly("Step 'X': Condition.Exists: Missing or empty Path.");
    }

    @Test
    void existsNullIsAnError() {
        assertThat(validate(DataMap.of("Exists", null))).singleElement().asString()
                .contains("must be a string path or a hashtable with key Path");
    }

    @Test
    void existsMapRejectsOtherKeys() {
        assertThat(validate(DataMap.of("Exists", DataMap.of("Path", "p", "Value", 1))))
                .containsExactly("Step 'X': Condition.Exists: Unknown key 'Value' in Exists. Allowed keys: Path.");
    }

    @Test
    void inAcceptsScalarValues() {
        assertThat(validate(DataMap.of("In", DataMap.of("Path", "p", "Values", "EU")))).isEmpty();
    }

    @Test
    void inRejectsNullValues() {
        assertThat(validate(DataMap.of("In", DataMap.of("Path", "p", "Values", null))))
                .containsExactly("Step 'X': Condition.In: Values must not be null.");
    }

    @Test
    void inRejectsMapValues() {
        assertThat(validate(DataMap.of("In", DataMap.of("Path", "p", "Values", DataMap.of("a", 1)))))
                .singleElement().asString().contains("not a hashtable/dictionary");
    }

    @Test
    void likeAcceptsNullPattern() {
        assertThat(validate(DataMap.of("NotLike", DataMap.of("Path", "p", "Pattern", null)))).isEmpty();
    }
}
