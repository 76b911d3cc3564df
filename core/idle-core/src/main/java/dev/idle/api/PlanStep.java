package dev.idle.api;

import dev.idle.api.data.DataMap;
import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * One step of a built plan.
 *
 * @param with                 the resolved {@code With} (templates substituted); never null
 * @param condition            the workflow's condition tree, or null
 * @param precondition         the execution-time guard tree, or null
 * @param onPreconditionFalse  {@code Blocked}, {@code Fail} or {@code Continue} (normalised), or null
 * @param preconditionEvent    {@code {Type, Message, Data}}, or null
 * @param provider             the provider alias the step resolves to, or null for steps that use none
 * @param requiresCapabilities sorted, unique capability ids
 * @param status               {@link StepStatus#Planned} or {@link StepStatus#NotApplicable}
 * @param retryProfile         the retry profile name, or null for the default
 */
@API(status = STABLE, since = "0.1")
public record PlanStep(String name, String type, String description, Object condition, Object precondition,
                       String onPreconditionFalse, DataMap preconditionEvent, List<PlanWarning> warnings, DataMap with,
                       String provider, List<String> requiresCapabilities, StepStatus status, String retryProfile) {
    public PlanStep {
        warnings = List.copyOf(warnings);
        requiresCapabilities = List.copyOf(requiresCapabilities);
        with = with == null ? new DataMap() : with;
    }
}
