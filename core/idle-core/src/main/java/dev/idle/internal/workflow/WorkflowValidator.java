package dev.idle.internal.workflow;

import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.api.ValidationReport;
import dev.idle.internal.Excerpt;
import dev.idle.internal.Suggestions;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.catalog.Capabilities;
import dev.idle.internal.template.TemplateSyntax;
import dev.idle.spi.Provider;
import dev.idle.spi.StepMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code idle validate} checks: the structure (errors), known step types (errors), template syntax (errors),
 * and, as warnings, {@code With} keys a step type does not support and template roots that are not allowed — IdLE's
 * own example workflows contain both, and must still validate. With providers it also checks aliases and
 * capabilities (errors).
 */
public final class WorkflowValidator {
    private final StepCatalog catalog;

    public WorkflowValidator(StepCatalog catalog) {
        this.catalog = catalog;
    }

    public ValidationReport validate(DataMap workflow, Providers providers) {
        List<String> errors = new ArrayList<>(WorkflowSchema.check(workflow, null));
        List<String> warnings = new ArrayList<>();
        for (String collection : List.of("Steps", "OnFailureSteps")) {
            if (!(workflow.get(collection) instanceof List<?> steps)) {
                continue;
            }
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) instanceof DataMap step) {
                    checkStep(collection + "[" + i + "]", step, providers, errors, warnings);
                }
            }
        }
        if (workflow.get("ContextResolvers") instanceof List<?> resolvers) {
            for (int i = 0; i < resolvers.size(); i++) {
                if (resolvers.get(i) instanceof DataMap r && r.get("With") instanceof DataMap with) {
                    checkTemplates("ContextResolvers[" + i + "]", "With", with, errors, warnings);
                }
            }
        }
        return new ValidationReport(errors, warnings);
    }

    private void checkStep(String at, DataMap step, Providers providers, List<String> errors, List<String> warnings) {
        String name = step.getString("Name");
        String type = Values.isScalar(step.get("Type")) ? step.getString("Type") : null;
        String label = at + (name == null ? "" : " ('" + name + "')");
        DataMap with = step.get("With") instanceof DataMap w ? w : new DataMap();
        checkTemplates(label, "With", with, errors, warnings);
        if (type == null || type.isBlank()) {
            return;
        }
        StepMetadata meta = catalog.metadata(type);
        if (meta == null) {
            errors.add(label + ": unknown step type '" + Excerpt.of(type) + "'. No step pack defines it."
                    + Suggestions.didYouMean(type, catalog.allMetadata().stream().map(StepMetadata::type).toList()));
            return;
        }
        List<String> schemaProblems = new ArrayList<>();
        WithSchemaCheck.check(name, meta, with, schemaProblems);
        schemaProblems.forEach(p -> warnings.add(label + ": " + p + " (an error when planning)"));
        if (providers != null && meta.defaultProviderAlias() != null) {
            String alias = with.containsKey("Provider") ? Values.ps(with.get("Provider")) : meta.defaultProviderAlias();
            Provider p = providers.get(alias);
            if (p == null) {
                errors.add(label + ": provider alias '" + alias + "' is not supplied by the host. Available aliases: "
                        + (providers.aliases().isEmpty() ? "(none)" : String.join(", ", providers.aliases())) + ".");
                return;
            }
            List<String> available = Capabilities.normalise(p.capabilities());
            for (String c : Capabilities.normalise(meta.requiredCapabilities())) {
                if (available.stream().noneMatch(c::equalsIgnoreCase)) {
                    errors.add(label + ": provider '" + alias + "' does not advertise required capability " + c
                            + ". AvailableCapabilities: " + String.join(", ", available));
                }
            }
        }
    }

    private static void checkTemplates(String label, String keyPath, Object value, List<String> errors,
                                       List<String> warnings) {
        if (value instanceof String s) {
            for (TemplateSyntax.Problem p : TemplateSyntax.problems(s, keyPath)) {
                (p.rootNotAllowed() ? warnings : errors).add(label + ": " + p.message()
                        + (p.rootNotAllowed() ? " (an error when planning)" : ""));
            }
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> checkTemplates(label, keyPath + "." + k, v, errors, warnings));
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                checkTemplates(label, keyPath + "[" + i + "]", l.get(i), errors, warnings);
            }
        }
    }

}
