package dev.idle.cli;

import dev.idle.api.Host;
import dev.idle.api.Idle;
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
 * {@code idle validate (<workflow> | --workflow <file>) [--host <file>]}. The workflow is given once, as the argument
 * or as {@code --workflow} like {@code plan} and {@code invoke} take it; both or neither is a usage error.
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path workflow = workflow();
        Idle idle = Idle.create();
        DataMap wf = idle.loadWorkflow(workflow);
        ValidationReport report;
        try (Host h = Inputs.host(host)) {
            report = idle.validate(wf, h == null ? null : h.providers());
        }
        var err = spec.commandLine().getErr();
        report.warnings().forEach(w -> err.println("warning: " + workflow + ": " + w));
        if (!report.valid()) {
            err.println("idle: " + workflow + ": invalid workflow (" + report.errors().size() + " problem"
                    + (report.errors().size() == 1 ? "" : "s") + "):");
            report.errors().forEach(e -> err.println("- " + e));
            return IdleCli.BAD_INPUT;
        }
        int steps = wf.get("Steps") instanceof List<?> l ? l.size() : 0;
        spec.commandLine().getOut().println("valid: " + wf.getString("Name") + " (" + steps
                + (steps == 1 ? " step)" : " steps)"));
        return IdleCli.OK;
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
