package dev.idle.api;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Which requests a batch would change something for: the measure of {@code idle batch --max-affected} and
 * {@link BatchRunner#countAffected}. Decided from the plan alone, before anything runs.
 *
 * <p>A <em>write step</em> is a planned step ({@link StepStatus#Planned}, so not skipped by its condition) whose type
 * is not one of the {@link #READ_ONLY_STEP_TYPES}: those only emit an event or only read
 * ({@code IdLE.Step.EmitEvent}, {@code IdLE.Step.Mailbox.GetInfo}). Every other step type, a plug-in's included,
 * counts as a write: the engine cannot tell what a step it does not know does, so it errs on the side that stops a
 * batch rather than the side that lets one through. A step whose precondition may still hold it back at run time, or
 * an {@code Ensure…} step that may find nothing to change, counts too: the measure is what the plan may change, an
 * upper bound.
 *
 * <p>A plan <em>affects</em> its request when one of its steps is a write step, or when one of its {@code OnFailure}
 * steps is and at least one step is planned at all (OnFailure steps run only after a planned step failed).
 *
 * <p>Stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BlastRadius {
    /**
     * The step types that change nothing at a target: {@code IdLE.Step.EmitEvent} (an event for the run's sinks) and
     * {@code IdLE.Step.Mailbox.GetInfo} (reads, needing only {@code IdLE.Mailbox.Info.Read}). Compared ignoring case.
     */
    public static final Set<String> READ_ONLY_STEP_TYPES = readOnly("IdLE.Step.EmitEvent",
            "IdLE.Step.Mailbox.GetInfo");

    private BlastRadius() {
    }

    /** True when {@code step} is planned to run and its type is not one of the {@link #READ_ONLY_STEP_TYPES}. */
    public static boolean writes(PlanStep step) {
        return step.status() == StepStatus.Planned
                && (step.type() == null || !READ_ONLY_STEP_TYPES.contains(step.type()));
    }

    /** True when running {@code plan} may change something at a target (see the class comment). */
    public static boolean affects(Plan plan) {
        if (anyWrites(plan.steps())) {
            return true;
        }
        boolean anyPlanned = plan.steps().stream().anyMatch(s -> s.status() == StepStatus.Planned);
        return anyPlanned && anyWrites(plan.onFailureSteps());
    }

    private static boolean anyWrites(List<PlanStep> steps) {
        for (PlanStep step : steps) {
            if (writes(step)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> readOnly(String... types) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(types));
        return Collections.unmodifiableSet(set);
    }
}
