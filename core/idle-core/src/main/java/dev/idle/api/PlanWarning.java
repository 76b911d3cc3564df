package dev.idle.api;

import java.util.List;

/**
 * A planning warning, e.g. a precondition path under {@code Request.Context} that does not exist yet
 * ({@code PreconditionContextPathUnresolvedAtPlan}).
 *
 * <p>Stability: stable.
 */
public record PlanWarning(String code, String type, String step, String source, List<String> paths, String message) {
    public PlanWarning {
        paths = List.copyOf(paths);
    }
}
