package dev.idle.api;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * The result of one step in a run.
 *
 * @param changed  false when the step reported none
 * @param error    the failure message, or null
 * @param attempts how often the handler ran: the real count after retries; 0 for precondition outcomes and steps
 *                 that did not run
 * @param extras   step-specific output ({@code Data}, {@code State}, {@code Skipped})
 */
@API(status = STABLE, since = "0.1")
public record StepOutcome(String name, String type, StepStatus status, boolean changed, String error, int attempts,
                          DataMap extras) {
    public StepOutcome {
        extras = extras == null ? new DataMap() : extras;
    }
}
