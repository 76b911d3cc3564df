package dev.idle.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation-time bounds: values matched by Like, patterns and paths that reach evaluation unchecked. */
class ConditionLimitsTest {

    private static DataMap roots(Object text) {
        return DataMap.of("Request", DataMap.of("Intent", DataMap.of("Text", text)));
    }

    private static DataMap like(String operator, String pattern) {
        return DataMap.of(operator, DataMap.of("Path", "Request.Intent.Text", "Pattern", pattern));
    }

    @Test
    void likeValueLongerThanTheLimitFailsTheConditionClearly() {
        DataMap roots = roots("a".repeat(65_537));

        for (String operator : List.of("Like", "NotLike")) {
            assertThatThrownBy(() -> ConditionEvaluator.evaluate(like(operator, "*a*"), roots))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(operator + ": the value at Path 'Request.Intent.Text' is 65537 characters long, more"
                            + " than the limit maxLikeValueLength (65536); it is not matched.");
        }
    }

    @Test
    void likeValueAtTheLimitIsMatched() {
        String text = "a".repeat(65_536);

        assertThat(ConditionEvaluator.evaluate(like("Like", "*" + "a".repeat(1_020) + "b*"), roots(text))).isFalse();
        assertThat(ConditionEvaluator.evaluate(like("Like", "*" + "a".repeat(1_020) + "*"), roots(text))).isTrue();
    }

    @Test
    void aListItemLongerThanTheLimitIsAnErrorToo() {
        DataMap roots = roots(List.of("short", "b".repeat(70_000)));

        assertThatThrownBy(() -> ConditionEvaluator.evaluate(like("Like", "x*"), roots))
                .hasMessageContaining("maxLikeValueLength (65536)");
    }

    @Test
    void likePatternLongerThanTheLimitIsAnErrorAtEvaluation() {
        assertThatThrownBy(() -> ConditionEvaluator.evaluate(like("Like", "*".repeat(2_000)), roots("a")))
                .hasMessageContaining("2000 characters long, more than the limit maxLikePatternLength (1024)");
    }

    @Test
    void pathOverTheSegmentLimitIsAnErrorAtEvaluation() {
        DataMap node = DataMap.of("Exists", "Request." + "a.".repeat(100) + "a");

        assertThatThrownBy(() -> ConditionEvaluator.evaluate(node, roots("a")))
                .hasMessageContaining("has 102 segments, more than the limit maxPathSegments (64)");
    }
}
