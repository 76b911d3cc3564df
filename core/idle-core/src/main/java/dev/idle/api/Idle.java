package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventSink;
import dev.idle.spi.StepPack;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/**
 * The engine's entry point, mirroring IdLE's cmdlets: {@link #validate} (Test-IdleWorkflow), {@link #plan}
 * (New-IdlePlan), {@link #invoke} (Invoke-IdlePlan) and {@link #export} (Export-IdlePlan).
 *
 * <pre>{@code
 * Idle idle = Idle.create();
 * LifecycleRequest request = LifecycleRequest.create("Leaver", null, "hr-sync", Map.of("Id", "jdoe"), Map.of(), Map.of());
 * Plan plan = idle.plan(Path.of("leaver.psd1"), request, providers);
 * ExecutionResult result = idle.invoke(plan, providers, event -> log(event), ExecutionOptions.defaults());
 * }</pre>
 *
 * <p>Thread-safe: an {@code Idle} holds only its step catalog, built by {@link #create()} and never changed after, so
 * one instance may validate, plan and invoke for many threads at once (as {@link BatchRunner} does). Each call works on
 * its own copies of the request and of the workflow's step data; a workflow tree passed to several concurrent calls
 * must not be changed while they run.
 */
@API(status = STABLE, since = "0.1")
public final class Idle {
    private final IdleRuntime.Engine engine;

    private Idle(IdleRuntime.Engine engine) {
        this.engine = engine;
    }

    /** An engine with every step pack found on the class path. */
    public static Idle create() {
        return new Idle(RuntimeLookup.runtime().engineFromClassPath());
    }

    /** An engine with exactly these step packs. */
    public static Idle withStepPacks(List<StepPack> packs) {
        return new Idle(RuntimeLookup.runtime().engine(packs));
    }

    /** Loads a workflow file ({@code .psd1}, {@code .yaml}/{@code .yml}, {@code .json}) into its data tree. */
    public DataMap loadWorkflow(Path file) {
        Object data = RuntimeLookup.runtime().loadData(file);
        if (!(data instanceof DataMap m)) {
            throw new IdleInputException(file + ": Workflow definition must be a hashtable at the root.");
        }
        return m;
    }

    /**
     * Checks a workflow without building a plan: schema, known step types, condition schema and template syntax are
     * errors; {@code With} keys a step does not support and disallowed template roots are warnings.
     *
     * @param providers when non-null, capabilities are checked too
     */
    public ValidationReport validate(Path workflowFile, Providers providers) {
        return validate(loadWorkflow(workflowFile), providers);
    }

    /** {@link #validate(Path, Providers)} for an already loaded workflow tree. */
    public ValidationReport validate(DataMap workflow, Providers providers) {
        return engine.validate(workflow, providers);
    }

    /** Parses workflow text; {@code fileName}'s extension picks the format and names it in messages. */
    public DataMap parseWorkflow(String text, String fileName) {
        Object data = RuntimeLookup.runtime().parseData(text, fileName);
        if (!(data instanceof DataMap m)) {
            throw new IdleInputException(fileName + ": Workflow definition must be a hashtable at the root.");
        }
        return m;
    }

    /**
     * Builds a plan. Every problem found is reported in one {@link IdleInputException}.
     *
     * @param providers the host's providers; null plans without alias and capability checks
     */
    public Plan plan(Path workflowFile, LifecycleRequest request, Providers providers) {
        return plan(loadWorkflow(workflowFile), request, providers, workflowFile.toString());
    }

    /** Builds a plan from an already loaded workflow tree; {@code source} names it in messages. */
    public Plan plan(DataMap workflow, LifecycleRequest request, Providers providers, String source) {
        return engine.plan(workflow, request, providers, source);
    }

    /**
     * Checks a workflow once for planning many requests ({@link PreparedWorkflow#plan}): the structural checks that
     * {@link #plan(DataMap, LifecycleRequest, Providers, String)} makes on every call are made here, and a read-only
     * copy of the tree is kept. Thread-safe; the result is immutable.
     *
     * <pre>{@code
     * PreparedWorkflow leaver = idle.prepare(idle.loadWorkflow(Path.of("leaver.psd1")), "leaver.psd1");
     * for (LifecycleRequest request : requests) {
     *     Plan plan = leaver.plan(request, host.providers());
     * }
     * }</pre>
     *
     * @param source names the workflow in messages, e.g. its file
     * @throws IdleInputException "{@code source}: Workflow validation failed:" with every structural problem
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public PreparedWorkflow prepare(DataMap workflow, String source) {
        return new PreparedWorkflow(engine.prepare(workflow, source), source);
    }

    /** Runs a plan. Events reach {@code sink} (may be null) as they happen. */
    public ExecutionResult invoke(Plan plan, Providers providers, EventSink sink, ExecutionOptions options) {
        return engine.invoke(plan, providers, sink, options, StepCheckpoints.NONE);
    }

    /** {@link #invoke(Plan, Providers, EventSink, ExecutionOptions)}, each step through {@code checkpoints}. */
    ExecutionResult invoke(Plan plan, Providers providers, EventSink sink, ExecutionOptions options,
                           StepCheckpoints checkpoints) {
        return engine.invoke(plan, providers, sink, options, checkpoints);
    }

    /**
     * Reads an exported plan for execution ("approve, then execute"): the {@code planHash} must match, nothing
     * execution needs may have been redacted or truncated, and the host's providers must still supply every alias
     * and capability the plan's steps need. Nothing is re-planned.
     *
     * @throws IdleInputException when any of that does not hold; nothing has run
     */
    public Plan readPlan(Path planFile, Providers providers) {
        return engine.readPlan(planFile, providers);
    }

    /**
     * Reads an exported plan to review it, not to run it: its JSON text, after checking that its {@code planHash}
     * matches its content, so what a reviewer sees is what that hash approves. Unlike {@link #readPlan}, a plan that
     * is not executable (values redacted) is accepted, and no host is needed: nothing will run from it.
     *
     * @throws IdleInputException naming the file: not JSON, over the input limits, not an object, no
     *                            {@code planHash}, or a {@code planHash} that does not match (changed after export)
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public String readPlanForReview(Path planFile) {
        return engine.readPlanForReview(planFile);
    }

    /**
     * Reads a preview document ({@code idle plan --preview}) to show it beside its plan: its JSON text, after the same
     * checks as every input file (size, nesting and string limits; errors name file, line and column) and that its
     * {@code kind} is {@link PlanPreview#KIND}. Whether it belongs to a plan is the {@code planHash} it carries.
     *
     * @throws IdleInputException naming the file: unreadable, over the limits, not valid, or not a preview
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public String readPreviewForReview(Path previewFile) {
        Object data = RuntimeLookup.runtime().loadData(previewFile);
        if (!(data instanceof DataMap doc) || !PlanPreview.KIND.equals(doc.getString("kind"))) {
            throw new IdleInputException(previewFile + ": not a plan preview (its kind is not " + PlanPreview.KIND
                    + "): write one with idle plan --preview");
        }
        return RuntimeLookup.runtime().prettyJson(doc);
    }

    /**
     * A fluent run of a plan, mirroring {@code Invoke-IdlePlan}:
     * {@code idle.invokePlan(plan).providers(p).eventSink(sink).executionOptions(o).run()}.
     */
    public Invocation invokePlan(Plan plan) {
        return new Invocation(this, plan);
    }

    /**
     * A batch of requests over one workflow on this engine: see {@link BatchRunner}.
     * {@code idle.batch().workflow(file).providers(p).concurrency(8).build().run(requests, record -> ...)}.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public BatchRunner.Builder batch() {
        return new BatchRunner.Builder(this);
    }

    /** Writes the plan export to {@code file} atomically (temp file, then rename), mirroring {@code Export-IdlePlan -Path}. */
    public void exportPlan(Plan plan, Path file) {
        AtomicFiles.write(file, export(plan) + "\n");
    }

    /** The plan export JSON (schema 1.0 plus execution fields and planHash): byte-identical for identical input. */
    public String export(Plan plan) {
        return engine.export(plan);
    }

    /**
     * What {@code plan} would change, read now from the host's providers with read-only calls: for each primary step
     * whose handler can preview ({@link dev.idle.spi.StepPreviewer}), current → intended; for the others why not.
     * Nothing is written to any backend (previewers get read operations only), though reads may need auth sessions
     * from the host's broker. The preview is a document of its own ({@link PlanPreview#toJson()}), tied to the plan
     * by its {@code planHash}, never part of the export or its hash. Each step is read against the state before the
     * run, not after the steps before it.
     *
     * <pre>{@code
     * PlanPreview preview = idle.preview(plan, host.providers());
     * preview.write(Path.of("leaver.preview.json"));
     * }</pre>
     *
     * @param providers the providers the plan will run against
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public PlanPreview preview(Plan plan, Providers providers) {
        // whole seconds: the time says when the state was read, not how long reading took
        return engine.preview(plan, providers, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
