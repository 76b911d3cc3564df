package dev.idle.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionResult;
import dev.idle.api.Plan;
import dev.idle.api.StepOutcome;
import dev.idle.api.event.IdleEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.Condition;
import org.assertj.core.data.Index;

/**
 * What one {@link ExecutorTestKit} run recorded: the plan it ran, the result, the events as the host's sink received
 * them, and the waits the retry loop asked for (in milliseconds, in order).
 */
record Execution(Plan plan, ExecutionResult result, List<IdleEvent> sunkEvents, List<Long> sleeps) {

    List<IdleEvent> events() {
        return result.events();
    }

    StepOutcome step(String name) {
        return result.steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no primary step '" + name + "' in " + result.steps()));
    }

    StepOutcome onFailureStep(String name) {
        return result.onFailure().steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no OnFailure step '" + name + "' in "
                        + result.onFailure().steps()));
    }

    /**
     * Asserts the whole ordered stream: one condition per event, nothing more, nothing less. The host's sink must
     * have received the very same events as the result holds.
     */
    @SafeVarargs
    final void assertEventsMatchExactly(Condition<? super IdleEvent>... conditions) {
        String stream = events().stream()
                .map(e -> e.type() + (e.stepName() == null ? "" : "[" + e.stepName() + "]"))
                .collect(Collectors.joining(", ", "events: ", ""));
        assertThat(events()).as(stream).hasSize(conditions.length);
        for (int i = 0; i < conditions.length; i++) {
            assertThat(events()).as(stream).has(conditions[i], Index.atIndex(i));
        }
        assertThat(sunkEvents()).as("what the host's sink received").isEqualTo(events());
    }
}
