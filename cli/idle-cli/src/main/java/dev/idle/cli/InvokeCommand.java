package dev.idle.cli;

import dev.idle.api.ExecutionResult;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.Plan;
import dev.idle.api.event.IdleEvent;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle invoke --workflow <file> --request <file> --host <file> [--result <file>] [--events <file>]}.
 * Exit 0 when the run completed, 3 when it failed, 4 when it was blocked, 2 for bad input (nothing executed), 5 when
 * the run executed but its result or events could not be written completely (see {@link InvokeOutputs}). A plan
 * that requires approval runs only with {@code --approved-plan-hash} equal to its hash ({@link PlanApproval}).
 */
@Command(name = "invoke", description = "Build a plan and execute it against the host's providers.")
final class InvokeCommand implements Callable<Integer> {
    @Option(names = "--workflow", paramLabel = "<file>", description = "The workflow file.")
    Path workflow;

    @Option(names = "--request", paramLabel = "<file>", description = "The request file.")
    Path request;

    @Option(names = "--plan", paramLabel = "<plan.json>", description = "Execute an exported plan exactly as exported (refused if changed).")
    Path plan;

    @Option(names = "--approved-plan-hash", paramLabel = "<hash>", description = "Run only if the plan's hash is"
            + " this one (the planHash of the plan 'idle plan' exported and someone approved). Required for a"
            + " workflow with ApprovalRequired = $true.")
    String approvedPlanHash;

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

    private final LineSink.Opener eventLines;

    InvokeCommand() {
        this(LineSink.LINE_FILES);
    }

    /** @param eventLines opens the events file; tests give one that fails midway */
    InvokeCommand(LineSink.Opener eventLines) {
        this.eventLines = eventLines;
    }

    @Override
    public Integer call() {
        if (plan != null ? workflow != null || request != null : workflow == null || request == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invoke needs either --plan, or --workflow and --request");
        }
        // opened before the host is loaded: no provider is called when an output cannot be written
        try (InvokeOutputs outputs = InvokeOutputs.open(result, events, eventLines)) {
            Idle idle = Idle.create();
            ExecutionResult r;
            try (Host h = Host.load(host)) {
                Plan p = plan != null ? idle.readPlan(plan, h.providers())
                        : idle.plan(workflow, Inputs.request(request), h.providers());
                PlanApproval.check(idle, p, approvedPlanHash, plan != null ? plan : workflow);
                var err = spec.commandLine().getErr();
                boolean verbose = cli.global.verbose();
                r = idle.invokePlan(p).providers(h.providers()).executionOptions(h.executionOptions())
                        .eventSink(e -> {
                            outputs.event(e);
                            if (verbose) {
                                err.println(verboseLine(e));
                            }
                        }).run();
            }
            if (RunSummary.wanted(summary == null ? RunSummary.When.AUTO
                    : summary ? RunSummary.When.ALWAYS : RunSummary.When.NEVER)) {
                spec.commandLine().getErr().print(RunSummary.render(r));
                spec.commandLine().getErr().flush();
            }
            if (!outputs.writeResult(r, spec.commandLine().getOut(), spec.commandLine().getErr())) {
                return IdleCli.OUTPUT_FAILED;
            }
            return switch (r.status()) {
                case Completed -> IdleCli.OK;
                case Blocked -> IdleCli.RUN_BLOCKED;
                default -> IdleCli.RUN_FAILED;
            };
        }
    }

    /**
     * One event for {@code -v}: type, step and message, and for a failed step its error (already reduced to the
     * root cause and masked by the engine), so a person watching the run sees why without opening the result.
     */
    static String verboseLine(IdleEvent e) {
        Object error = e.data() == null ? null : e.data().get("error");
        return "event " + e.type() + (e.stepName() == null ? "" : " [" + e.stepName() + "]") + ": " + e.message()
                + (error == null ? "" : " " + error);
    }
}
