package dev.idle.cli;

import dev.idle.api.AtomicFiles;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idle plan --workflow <file> --request <file> [--host <file>] [--out <plan.json>] [--preview <file>]}. */
@Command(name = "plan", description = "Build a plan and write it as plan export JSON (schema 1.0).")
final class PlanCommand implements Callable<Integer> {
    @Option(names = "--workflow", required = true, paramLabel = "<file>", description = "The workflow file.")
    Path workflow;

    @Option(names = "--request", required = true, paramLabel = "<file>", description = "The request file.")
    Path request;

    @Option(names = "--host", paramLabel = "<file>", description = "Host file: providers to check capabilities against.")
    Path host;

    @Option(names = "--out", paramLabel = "<plan.json>", description = "Write the plan here instead of stdout.")
    Path out;

    @Option(names = "--preview", paramLabel = "<preview.json>", description = "Also write what the plan would change,"
            + " read now from the host's providers with read-only calls (needs --host).")
    Path preview;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // opened before planning, which may call providers (context resolvers): a bad --out stops it first
        try (AtomicFiles.Replacement target = out == null ? null : AtomicFiles.open(out);
             PlanPreviewOutput previewOut = PlanPreviewOutput.open(preview, host, spec.commandLine())) {
            Idle idle = Idle.create();
            String json;
            try (Host h = Inputs.host(host)) {
                Plan plan = idle.plan(workflow, Inputs.request(request), h == null ? null : h.providers());
                json = idle.export(plan);
                if (previewOut != null) {
                    previewOut.read(idle, plan, h);
                }
            }
            if (target == null) {
                spec.commandLine().getOut().println(json);
                return previewOut == null ? IdleCli.OK : previewOut.commit(spec.commandLine().getErr());
            }
            try {
                target.commit((json + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                spec.commandLine().getErr().println("idle: " + out + ": cannot write the plan: " + e.getMessage());
                return IdleCli.OUTPUT_FAILED;
            }
            return previewOut == null ? IdleCli.OK : previewOut.commit(spec.commandLine().getErr());
        }
    }
}
