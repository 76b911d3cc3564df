package dev.idle.api;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A planning warning, e.g. a precondition path under {@code Request.Context} that does not exist yet
 * ({@code PreconditionContextPathUnresolvedAtPlan}).
 */
@API(status = STABLE, since = "0.1")
public record PlanWarning(String code, String type, String step, String source, List<String> paths, String message) {
    public PlanWarning {
        paths = List.copyOf(paths);
    }
}
