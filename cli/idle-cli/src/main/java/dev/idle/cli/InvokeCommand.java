package dev.idle.cli;

import dev.idle.api.ExecutionResult;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.JsonOutput;
import dev.idle.api.Plan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle invoke --workflow <file> --request <file> --host <file> [--result <file>] [--events <file>]}.
 * Exit 0 when the run completed, 3 when it failed, 4 when it was blocked, 2 for bad input (nothing executed).
 */
@Command(name = "invoke", description = "Build a plan and execute it against the host's providers.")
final class InvokeCommand implements Callable<Integer> {
    @Option(names = "--workflow", paramLabel = "<file>", description = "The workflow file.")
    Path workflow;

    @Option(names = "--request", paramLabel = "<file>", description = "The request file.")
    Path request;

    @Option(names = "--plan", paramLabel = "<plan.json>", description = "Execute an exported plan exactly as exported (refused if changed).")
    Path plan;

    @Option(names = "--host", required = true, paramLabel = "<file>", description = "Host file: providers, auth sessions, retry profiles.")
    Path host;

    @Option(names = "--result", paramLabel = "<file>", description = "Write the result JSON here instead of stdout.")
    Path result;

    @Option(names = "--events", paramLabel = "<file>", description = "Write each event as one JSON line, as it happens.")
    Path events;

    @Option(names = "--summary", negatable = true, paramLabel = "", description = "Print a table of the steps"
            + " (status, changed, duration) to stderr; default: only when stderr is a terminal.")
    Boolean summary;

    /** The {@code idle} command: {@code -v} is one of its global options. */
    @ParentCommand
    IdleCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (plan != null ? workflow != null || request != null : workflow == null || request == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invoke needs either --plan, or --workflow and --request");
        }
        Idle idle = Idle.create();
        ExecutionResult r;
        try (Host h = Host.load(host)) {
            Plan p = plan != null ? idle.readPlan(plan, h.providers())
                    : idle.plan(workflow, Inputs.request(request), h.providers());
            try (BufferedWriter sink = events == null ? null
                    : Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
                var err = spec.commandLine().getErr();
                boolean verbose = cli.global.verbose();
                r = idle.invokePlan(p).providers(h.providers()).executionOptions(h.executionOptions())
                        .eventSink(e -> {
                            if (sink != null) {
                                writeLine(sink, JsonOutput.eventLine(e));
                            }
                            if (verbose) {
                                err.println("event " + e.type() + (e.stepName() == null ? "" : " [" + e.stepName() + "]")
                                        + ": " + e.message());
                            }
                        }).run();
            }
        }
        if (RunSummary.wanted(summary == null ? RunSummary.When.AUTO
                : summary ? RunSummary.When.ALWAYS : RunSummary.When.NEVER)) {
            spec.commandLine().getErr().print(RunSummary.render(r));
            spec.commandLine().getErr().flush();
        }
        String json = JsonOutput.result(r);
        if (result == null) {
            spec.commandLine().getOut().println(json);
        } else {
            Inputs.writeAtomically(result, json + "\n");
        }
        return switch (r.status()) {
            case Completed -> IdleCli.OK;
            case Blocked -> IdleCli.RUN_BLOCKED;
            default -> IdleCli.RUN_FAILED;
        };
    }

    private static void writeLine(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.newLine();
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
