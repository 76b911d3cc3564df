package dev.idle.internal.runtime;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.IdleInputException;
import dev.idle.api.IdleRuntime;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanPreview;
import dev.idle.api.Providers;
import dev.idle.api.StepCheckpoints;
import dev.idle.api.ValidationReport;
import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventSink;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.exec.Executor;
import dev.idle.internal.exec.PlanPreviewer;
import dev.idle.internal.export.JsonText;
import dev.idle.internal.export.PlanExporter;
import dev.idle.internal.export.PlanImporter;
import dev.idle.internal.export.PlanNumbers;
import dev.idle.internal.load.DataFileLoader;
import dev.idle.internal.plan.Planner;
import dev.idle.internal.workflow.WorkflowValidator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The engine behind {@link dev.idle.api.Idle}: one step catalog, used to validate, plan, run and read plans. */
final class CatalogEngine implements IdleRuntime.Engine {
    private final StepCatalog catalog;
    private final Planner planner;

    CatalogEngine(StepCatalog catalog) {
        this.catalog = catalog;
        this.planner = new Planner(catalog);
    }

    @Override
    public ValidationReport validate(DataMap workflow, Providers providers) {
        return new WorkflowValidator(catalog).validate(workflow, providers);
    }

    @Override
    public Plan plan(DataMap workflow, LifecycleRequest request, Providers providers, String source) {
        return planner.build(workflow, request, providers, source);
    }

    @Override
    public IdleRuntime.PreparedPlanner prepare(DataMap workflow, String source) {
        return planner.prepare(workflow, source);
    }

    @Override
    public ExecutionResult invoke(Plan plan, Providers providers, EventSink sink, ExecutionOptions options,
                                  StepCheckpoints checkpoints) {
        return new Executor(catalog).invoke(plan, providers, sink, options, checkpoints);
    }

    @Override
    public Plan readPlan(Path planFile, Providers providers) {
        Plan plan = new PlanImporter(catalog).read(DataFileLoader.load(planFile, PlanNumbers.EXPORTED_FORM),
                planFile.toString());
        List<String> problems = new ArrayList<>();
        Planner.checkProviders(plan.steps(), plan.onFailureSteps(), providers, problems);
        if (!problems.isEmpty()) {
            throw new IdleInputException(planFile + ": the host cannot run this plan:", problems);
        }
        return plan;
    }

    @Override
    public String readPlanForReview(Path planFile) {
        return JsonText.compact(PlanImporter.verified(DataFileLoader.load(planFile, PlanNumbers.EXPORTED_FORM),
                planFile.toString(), "review"));
    }

    @Override
    public String export(Plan plan) {
        return PlanExporter.toJson(plan);
    }

    @Override
    public PlanPreview preview(Plan plan, Providers providers, Instant previewedAt) {
        return new PlanPreviewer(catalog).preview(plan, providers, previewedAt);
    }
}
