package dev.idle.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionOperandsTest {
    private static final String AT = "Step 'X': Precondition";

    private static List<String> check(Object node) {
        List<String> errors = new ArrayList<>();
        ConditionOperands.addProblems(node, AT, errors);
        return errors;
    }

    private static DataMap like(Object pattern) {
        return DataMap.of("Like", DataMap.of("Path", "Request.Intent.Mail", "Pattern", pattern));
    }

    @Test
    void likeWithMapPatternIsAValidationError() {
        assertThat(check(like(DataMap.of("a", 1)))).containsExactly(
                "Step 'X': Precondition.Like: Pattern must be a wildcard string, not a hashtable/dictionary.");
    }

    @Test
    void likeWithNullPatternIsAValidationError() {
        assertThat(check(DataMap.of("NotLike", DataMap.of("Path", "p", "Pattern", null)))).containsExactly(
                "Step 'X': Precondition.NotLike: Pattern must be a wildcard string, not null.");
    }

    @Test
    void malformedWildcardInPreconditionIsAValidationError() {
        Object node = DataMap.of("All", List.of(DataMap.of("Exists", "Request.Intent.Mail"), like("[abc")));

        assertThat(check(node)).singleElement().asString()
                .startsWith("Step 'X': Precondition.All[1].Like: ")
                .contains("'[' at position 0 is never closed");
    }

    @Test
    void likePatternLongerThanTheLimitIsAValidationError() {
        assertThat(check(like("*".repeat(1_025)))).singleElement().asString()
                .contains("1025 characters long, more than the limit maxLikePatternLength (1024)");
    }

    @Test
    void equalsWithAMapOrListValueIsAValidationError() {
        Object node = DataMap.of("Any", List.of(
                DataMap.of("Equals", DataMap.of("Path", "p", "Value", DataMap.of("a", 1))),
                DataMap.of("Contains", DataMap.of("Path", "p", "Value", List.of(1)))));

        assertThat(check(node)).containsExactly(
                "Step 'X': Precondition.Any[0].Equals: Value must be a single value (text, number, boolean or null),"
                        + " not a hashtable/dictionary.",
                "Step 'X': Precondition.Any[1].Contains: Value must be a single value (text, number, boolean or null),"
                        + " not a list.");
    }

    @Test
    void inWithANestedListIsAValidationError() {
        Object node = DataMap.of("In", DataMap.of("Path", "p", "Values", new ArrayList<>(Arrays.asList("a", null, List.of("b")))));

        assertThat(check(node)).singleElement().asString().contains("In: Values[2] must be a single value");
    }

    @Test
    void conditionPathWithTwoThousandSegmentsIsRefusedNamingTheLimit() {
        String path = "Request.Intent." + "a.".repeat(2_000) + "a";

        assertThat(check(DataMap.of("Exists", path))).singleElement().asString()
                .startsWith("Step 'X': Precondition.Exists: Path: the path 'Request.Intent.a.a.")
                .contains("has 2003 segments, more than the limit maxPathSegments (64)");
    }

    @Test
    void wellTypedOperandsPass() {
        Object node = DataMap.of("All", List.of(like("sg-[a-z]*"), DataMap.of("Equals", DataMap.of("Path", "p",
                "Value", null)), DataMap.of("In", DataMap.of("Path", "p", "Values", "EU"))));

        assertThat(check(node)).isEmpty();
    }
}
