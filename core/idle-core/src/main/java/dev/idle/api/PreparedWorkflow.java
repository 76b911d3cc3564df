package dev.idle.api;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A workflow checked once and ready to plan many requests: what a batch does with one workflow and thousands of
 * requests. Made by {@link Idle#prepare(DataMap, String)}, which checks the workflow's structure (the checks
 * {@link Idle#plan(DataMap, LifecycleRequest, Providers, String)} repeats on every call) and keeps a read-only copy
 * of it, so later changes to the caller's tree do not reach plans built from it.
 *
 * <p>{@link #plan} builds the same plan, and fails with the same {@link IdleInputException}, as {@code Idle.plan} on
 * the same workflow and request would: the request's lifecycle event must match the workflow's, and conditions,
 * templates, {@code With} schemas, provider aliases and capabilities are checked per request.
 *
 * <p>Immutable and thread-safe: any number of threads may plan from one prepared workflow at once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PreparedWorkflow {
    private final IdleRuntime.PreparedPlanner planner;
    private final String source;

    PreparedWorkflow(IdleRuntime.PreparedPlanner planner, String source) {
        this.planner = planner;
        this.source = source;
    }

    /**
     * Builds the plan of one request; every problem found is reported in one {@link IdleInputException}.
     *
     * @param providers the host's providers; null plans without alias and capability checks
     */
    public Plan plan(LifecycleRequest request, Providers providers) {
        return planner.plan(request, providers);
    }

    /** The read-only copy of the workflow that plans are built from. */
    public DataMap workflow() {
        return planner.workflow();
    }

    /** Names the workflow in messages (usually its file). */
    public String source() {
        return source;
    }
}
