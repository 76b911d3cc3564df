package dev.idle.internal.plan;

import dev.idle.internal.Suggestions;
import dev.idle.internal.catalog.Capabilities;
import dev.idle.internal.workflow.WithSchemaCheck;
import dev.idle.api.IdleInputException;
import dev.idle.api.IdleRuntime;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.PlanWarning;
import dev.idle.api.Providers;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.condition.ConditionEvaluator;
import dev.idle.internal.condition.ConditionPaths;
import dev.idle.internal.redact.SecretScrubber;
import dev.idle.internal.template.TemplateResolver;
import dev.idle.internal.workflow.WorkflowSchema;
import dev.idle.spi.Provider;
import dev.idle.spi.StepMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a plan from a loaded workflow and a request: conditions, templates, {@code With} schemas, provider aliases
 * and capabilities. Unlike IdLE, which stops at the first error, it reports every problem of the build at once.
 *
 * <p>The structure check ({@link WorkflowSchema}) runs on every {@link #build}, or once per {@link #prepare}d
 * workflow; either way the steps are planned from a read-only copy of the workflow, whose trees the plan shares.
 * Thread-safe: one planner serves every thread of its engine.
 */
public final class Planner {
    private static final String CONTEXT_PREFIX = "request.context.";

    private final StepCatalog catalog;
    /** Normalised required capabilities by step type; the capability registry is fixed once installed. */
    private final Map<StepMetadata, List<String>> requiredCapabilities = new ConcurrentHashMap<>();

    public Planner(StepCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param providers the host's providers; null skips alias and capability checks (planning without a host)
     * @param source    names the workflow file in messages
     * @throws IdleInputException listing every problem found
     */
    public Plan build(DataMap workflow, LifecycleRequest request, Providers providers, String source) {
        List<String> schemaErrors = WorkflowSchema.check(workflow, request.lifecycleEvent());
        if (!schemaErrors.isEmpty()) {
            throw new IdleInputException(source + ": Workflow validation failed:", schemaErrors);
        }
        return plan((DataMap) Values.readOnlyCopy(workflow), request, providers, source);
    }

    /**
     * Checks {@code workflow}'s structure once and keeps a read-only copy to plan requests from.
     *
     * @throws IdleInputException listing every structural problem
     */
    public IdleRuntime.PreparedPlanner prepare(DataMap workflow, String source) {
        List<String> schemaErrors = WorkflowSchema.check(workflow, null);
        if (!schemaErrors.isEmpty()) {
            throw new IdleInputException(source + ": Workflow validation failed:", schemaErrors);
        }
        DataMap checked = (DataMap) Values.readOnlyCopy(workflow);
        return new IdleRuntime.PreparedPlanner() {
            @Override
            public Plan plan(LifecycleRequest request, Providers providers) {
                String event = request.lifecycleEvent();
                if (event != null && !event.isBlank() && !checked.getString("LifecycleEvent").equalsIgnoreCase(event)) {
                    // The structure is valid, so the full check reports exactly the mismatch, worded as build's.
                    throw new IdleInputException(source + ": Workflow validation failed:",
                            WorkflowSchema.check(checked, event));
                }
                return Planner.this.plan(checked, request, providers, source);
            }

            @Override
            public DataMap workflow() {
                return checked;
            }
        };
    }

    /**
     * The plan of a structurally valid, read-only {@code workflow}: its condition, precondition and event trees are
     * shared by the plan's steps instead of copied, as nothing can change them.
     */
    private Plan plan(DataMap workflow, LifecycleRequest request, Providers providers, String source) {
        // Context resolvers write into the request's context: work on a copy so the caller's request stays as given.
        request = request.snapshot();
        List<String> errors = new ArrayList<>();
        LifecycleRequest snapshot = request;
        if (workflow.get("ContextResolvers") instanceof List<?> resolvers && !resolvers.isEmpty()) {
            if (providers == null) {
                throw new IdleInputException(source + ": the workflow has ContextResolvers, which need providers:"
                        + " give a host file (--host) to plan it");
            }
            new ContextResolvers(providers).run(resolvers, request, errors);
            // The plan keeps what the resolvers wrote, apart from the working copy planning reads.
            snapshot = request.snapshot();
        }
        List<PlanWarning> warnings = new ArrayList<>();
        DataMap planView = DataMap.of("WorkflowName", workflow.getString("Name"),
                "LifecycleEvent", workflow.getString("LifecycleEvent"), "CorrelationId", snapshot.correlationId(),
                "Request", snapshot.toData(), "Actor", snapshot.actor(), "Steps", new ArrayList<>(),
                "OnFailureSteps", new ArrayList<>(), "Actions", new ArrayList<>(), "Warnings", new ArrayList<>(),
                "Providers", providers == null ? null : new ArrayList<>(providers.aliases()));
        DataMap requestData = request.toData();
        DataMap roots = DataMap.of("Plan", planView, "Request", requestData, "Workflow", workflow);
        List<PlanStep> steps = normalise("Steps", workflow.get("Steps"), roots, requestData, warnings, errors);
        List<PlanStep> onFailure = normalise("OnFailureSteps", workflow.get("OnFailureSteps"), roots, requestData,
                warnings, errors);
        if (providers != null) {
            checkProviders(steps, onFailure, providers, errors);
        }
        if (!errors.isEmpty()) {
            // A provider called by a context resolver may echo a secret of the request in its error.
            SecretScrubber scrubber = SecretScrubber.from(request.toData());
            throw new IdleInputException(source + ": Plan cannot be built:", errors.stream().map(scrubber::scrub)
                    .toList());
        }
        return new Plan(workflow.getString("Name"), workflow.getString("LifecycleEvent"),
                workflow.getString("Description"), snapshot, steps, onFailure, warnings,
                WorkflowSchema.approvalRequired(workflow));
    }

    private List<PlanStep> normalise(String collection, Object raw, DataMap roots, DataMap request,
                                     List<PlanWarning> warnings, List<String> errors) {
        List<PlanStep> out = new ArrayList<>();
        if (!(raw instanceof List<?> list)) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            DataMap step = (DataMap) list.get(i);
            PlanStep planned = planStep(collection + "[" + i + "]", step, roots, request, warnings, errors);
            if (planned != null) {
                out.add(planned);
            }
        }
        return out;
    }

    private PlanStep planStep(String at, DataMap step, DataMap roots, DataMap request,
                              List<PlanWarning> warnings, List<String> errors) {
        String name = step.getString("Name");
        String type = step.getString("Type");
        String label = "Step '" + name + "'";
        int errorsBefore = errors.size();

        StepStatus status = StepStatus.Planned;
        Object condition = step.get("Condition");
        if (condition != null) {
            List<String> missing = ConditionPaths.unresolvedPaths(condition, roots, false);
            if (!missing.isEmpty()) {
                errors.add("Workflow step '" + name + "' has unresolved condition path(s) in Condition: "
                        + missing + ". Check for typos, or guard optional data with Exists.");
            } else {
                try {
                    status = ConditionEvaluator.evaluate(condition, roots) ? StepStatus.Planned
                            : StepStatus.NotApplicable;
                } catch (IllegalArgumentException e) {
                    errors.add(label + ": Condition cannot be evaluated: " + e.getMessage());
                }
            }
        }

        StepMetadata meta = catalog.metadata(type);
        if (meta == null) {
            errors.add("MissingStepTypeMetadata: " + label + " (" + at + ") uses type '" + type
                    + "', which no step pack defines. Import/load the step pack that provides it, or add host"
                    + " metadata for it (Providers.StepMetadata['" + type + "'])."
                    + Suggestions.didYouMean(type, catalog.allMetadata().stream().map(StepMetadata::type).toList()));
        }

        // The workflow is read-only: an unresolved With (a NotApplicable step's) is shared, a resolved one is new.
        DataMap with = step.get("With") instanceof DataMap w ? w : new DataMap();
        if (status == StepStatus.Planned) {
            with = (DataMap) TemplateResolver.resolveTree(with, request, name, errors);
            if (meta != null) {
                WithSchemaCheck.check(name, meta, with, errors);
            }
        }

        DataMap preconditionEvent = step.get("PreconditionEvent") instanceof DataMap pe ? pe : null;
        Object precondition = step.get("Precondition");
        List<PlanWarning> stepWarnings = new ArrayList<>();
        if (precondition != null) {
            checkPreconditionPaths(name, precondition, roots, stepWarnings, errors);
        }
        warnings.addAll(stepWarnings);
        if (errors.size() > errorsBefore) {
            return null;
        }
        String provider = null;
        if (meta != null && meta.defaultProviderAlias() != null) {
            provider = with.containsKey("Provider") ? Values.ps(with.get("Provider")) : meta.defaultProviderAlias();
        }
        List<String> caps = meta == null ? List.of() : requiredCapabilities.computeIfAbsent(meta,
                m -> Capabilities.normalise(m.requiredCapabilities()));
        Object profile = step.get("RetryProfile");
        return new PlanStep(name, type, step.get("Description") == null ? "" : step.getString("Description"),
                condition, precondition, normaliseMode(step.get("OnPreconditionFalse")),
                preconditionEvent, stepWarnings, with, provider, caps, status,
                profile == null ? null : Values.ps(profile));
    }

    private static void checkPreconditionPaths(String name, Object precondition, DataMap roots,
                                               List<PlanWarning> stepWarnings, List<String> errors) {
        List<String> missing = ConditionPaths.unresolvedPaths(precondition, roots, true);
        List<String> soft = new ArrayList<>();
        List<String> hard = new ArrayList<>();
        for (String p : missing) {
            (p.toLowerCase(Locale.ROOT).startsWith(CONTEXT_PREFIX) ? soft : hard).add(p);
        }
        if (!hard.isEmpty()) {
            errors.add("Workflow step '" + name + "' has unresolved condition path(s) in Precondition: " + hard
                    + ". Check for typos, or guard optional data with Exists.");
        }
        if (!soft.isEmpty()) {
            stepWarnings.add(new PlanWarning("PreconditionContextPathUnresolvedAtPlan", "Warning", name,
                    "Precondition", soft, "Step '" + name + "': Precondition path(s) " + String.join(", ", soft)
                    + " do not exist at plan time; they must be present in Request.Context when the step runs."));
        }
    }

    private static String normaliseMode(Object raw) {
        if (raw == null) {
            return null;
        }
        String v = Values.ps(raw);
        for (String m : List.of("Blocked", "Fail", "Continue")) {
            if (m.equalsIgnoreCase(v)) {
                return m;
            }
        }
        return v;
    }

    /**
     * Each applicable step needs its provider alias supplied by the host, and that provider must advertise every
     * capability the step requires. NotApplicable steps need nothing; OnFailure steps are checked because they may run.
     */
    public static void checkProviders(List<PlanStep> steps, List<PlanStep> onFailure, Providers providers,
                                      List<String> errors) {
        Map<String, TreeSet<String>> missingByAlias = new LinkedHashMap<>();
        Map<String, TreeSet<String>> stepsByAlias = new LinkedHashMap<>();
        Map<String, List<String>> availableByAlias = new HashMap<>();
        List<PlanStep> all = new ArrayList<>(steps);
        all.addAll(onFailure);
        for (PlanStep s : all) {
            if (s.status() == StepStatus.NotApplicable || s.provider() == null) {
                continue;
            }
            Provider p = providers.get(s.provider());
            if (p == null) {
                errors.add("Step '" + s.name() + "' uses provider alias '" + s.provider()
                        + "', which the host did not supply. Available aliases: "
                        + (providers.aliases().isEmpty() ? "(none)" : String.join(", ", providers.aliases())) + ".");
                continue;
            }
            List<String> available = availableByAlias.computeIfAbsent(s.provider(),
                    a -> Capabilities.normalise(p.capabilities()));
            for (String c : s.requiresCapabilities()) {
                if (available.stream().noneMatch(c::equalsIgnoreCase)) {
                    missingByAlias.computeIfAbsent(s.provider(), k -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER))
                            .add(c);
                    stepsByAlias.computeIfAbsent(s.provider(), k -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER))
                            .add(s.name());
                }
            }
        }
        missingByAlias.forEach((alias, missing) -> errors.add(
                "Plan cannot be built because required provider capabilities are missing. Provider: " + alias
                        + " MissingCapabilities: " + String.join(", ", missing)
                        + " AffectedSteps: " + String.join(", ", stepsByAlias.get(alias))
                        + " AvailableCapabilities: "
                        + String.join(", ", Capabilities.normalise(providers.get(alias).capabilities()))
                        + reasons(providers.get(alias), missing)));
    }

    /** The provider's own explanations of missing capabilities, as " Reason (<capability>): <text>" parts. */
    private static String reasons(Provider p, TreeSet<String> missing) {
        StringBuilder sb = new StringBuilder();
        for (String c : missing) {
            String why = p.whyNot(c);
            if (why != null && !why.isBlank()) {
                sb.append(" Reason (").append(c).append("): ").append(why.trim());
            }
        }
        return sb.toString();
    }
}
