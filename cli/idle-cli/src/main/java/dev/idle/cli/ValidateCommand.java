package dev.idle.cli;

import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle validate (<workflow> | --workflow <file>) [--host <file>] [--request <file>]}. The workflow is given
 * once, as the argument or as {@code --workflow} like {@code plan} and {@code invoke} take it; both or neither is a
 * usage error. With {@code --request} a workflow that passes the request-free checks is also planned for that request
 * (as upstream's {@code Test-IdleWorkflow -Request}): nothing is executed, and providers are involved only when
 * {@code --host} is given (aliases, capabilities, and the read-only context resolvers).
 */
@Command(name = "validate", description = "Check a workflow: schema, step types, conditions, templates"
        + " (and capabilities with --host). Unsupported With keys and template roots are warnings here.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<workflow>",
            description = "The workflow file (.psd1, .yaml, .json); or give it with --workflow.")
    Path workflowArgument;

    @Option(names = "--workflow", paramLabel = "<file>", description = "The workflow file, as plan and invoke take it.")
    Path workflowOption;

    @Option(names = "--host", paramLabel = "<file>", description = "Host file: also check aliases and capabilities.")
    Path host;

    @Option(names = "--request", paramLabel = "<file>", description = "Also build the plan for this request, without"
            + " executing anything, and report every problem (unresolved templates, missing identity keys, ...).")
    Path request;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path workflow = workflow();
        Idle idle = Idle.create();
        DataMap wf = idle.loadWorkflow(workflow);
        LifecycleRequest req = request == null ? null : Inputs.request(request);
        var err = spec.commandLine().getErr();
        Plan plan = null;
        try (Host h = Inputs.host(host)) {
            Providers providers = h == null ? null : h.providers();
            ValidationReport report = idle.validate(wf, providers);
            report.warnings().forEach(w -> err.println("warning: " + workflow + ": " + w));
            if (!report.valid()) {
                printProblems(workflow + ": invalid workflow", report.errors());
                return IdleCli.BAD_INPUT;
            }
            if (req != null) {
                try {
                    plan = idle.plan(wf, req, providers, workflow.toString());
                } catch (IdleInputException e) {
                    printProblems(workflow + ": invalid for request " + request, e.problems());
                    return IdleCli.BAD_INPUT;
                }
            }
        }
        int steps = wf.get("Steps") instanceof List<?> l ? l.size() : 0;
        String applicable = plan == null ? "" : "; " + plan.steps().stream()
                .filter(s -> s.status() != StepStatus.NotApplicable).count() + " applicable to the request";
        spec.commandLine().getOut().println("valid: " + wf.getString("Name") + " (" + steps
                + (steps == 1 ? " step" : " steps") + applicable + ")");
        return IdleCli.OK;
    }

    /** {@code idle: <heading> (<n> problems):} and one {@code - problem} line each, as every bad input is shown. */
    private void printProblems(String heading, List<String> problems) {
        var err = spec.commandLine().getErr();
        err.println("idle: " + heading + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):");
        problems.forEach(p -> err.println("- " + p));
    }

    private Path workflow() {
        if ((workflowArgument == null) == (workflowOption == null)) {
            throw new ParameterException(spec.commandLine(), workflowArgument == null
                    ? "validate needs the workflow: --workflow <file> or the argument <workflow>"
                    : "validate takes the workflow once: --workflow <file> or the argument <workflow>, not both");
        }
        return workflowArgument != null ? workflowArgument : workflowOption;
    }
}
