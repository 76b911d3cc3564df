package dev.idle.simsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlannedAnswersTest {
    @Test
    void matchingPlansComeFirstAndAreUsedUpThenQueuedOnesInOrder() {
        PlannedAnswers<String> plan = new PlannedAnswers<>();
        plan.forNext("next-1");
        plan.forNext("next-2");
        plan.forMatching("get", Pattern.compile("/users/.*"), 2, "throttled");
        assertThat(plan.take("GET", "/users/1")).isEqualTo("throttled");
        assertThat(plan.take("POST", "/users/1")).isEqualTo("next-1");
        assertThat(plan.take("GET", "/users/2")).isEqualTo("throttled");
        assertThat(plan.take("GET", "/users/3")).isEqualTo("next-2");
        assertThat(plan.take("GET", "/users/4")).isNull();
    }

    @Test
    void aNullMethodMatchesAnyMethod() {
        PlannedAnswers<Integer> plan = new PlannedAnswers<>();
        plan.forMatching(null, Pattern.compile("/groups"), 1, 503);
        assertThat(plan.take("DELETE", "/groups/x")).isNull();
        assertThat(plan.take("DELETE", "/groups")).isEqualTo(503);
    }
}
