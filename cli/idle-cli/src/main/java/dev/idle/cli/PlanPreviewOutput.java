package dev.idle.cli;

import dev.idle.api.AtomicFiles;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.Plan;
import dev.idle.api.PlanPreview;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * {@code idle plan --preview FILE}: what the plan would change, read from the host's providers with read-only calls
 * ({@link Idle#preview}), written as its own document (never part of the plan export or its hash). The file is
 * opened, like {@code --out}, before planning, and committed after the plan was written; a preview that cannot be
 * written is exit 5.
 */
final class PlanPreviewOutput implements AutoCloseable {
    private final Path file;
    private final AtomicFiles.Replacement target;
    private PlanPreview preview;

    private PlanPreviewOutput(Path file, AtomicFiles.Replacement target) {
        this.file = file;
        this.target = target;
    }

    /**
     * The output of {@code --preview file}, or null without the option.
     *
     * @throws CommandLine.ParameterException when {@code --preview} is given without {@code --host}
     */
    static PlanPreviewOutput open(Path file, Path host, CommandLine cl) {
        if (file == null) {
            return null;
        }
        if (host == null) {
            throw new CommandLine.ParameterException(cl, "--preview needs --host: the preview reads the current"
                    + " state from the host's providers");
        }
        return new PlanPreviewOutput(file, AtomicFiles.open(file));
    }

    /** Reads the preview of {@code plan} while the host's providers are open. */
    void read(Idle idle, Plan plan, Host host) {
        preview = idle.preview(plan, host.providers());
    }

    /** The preview read, for outputs that show it beside the plan (the HTML report); null before {@link #read}. */
    PlanPreview preview() {
        return preview;
    }

    /** Writes the preview; {@link IdleCli#OK}, or {@link IdleCli#OUTPUT_FAILED} after saying why on {@code err}. */
    int commit(PrintWriter err) {
        try {
            target.commit((preview.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            return IdleCli.OK;
        } catch (IOException e) {
            err.println("idle: " + file + ": cannot write the preview: " + e.getMessage());
            return IdleCli.OUTPUT_FAILED;
        }
    }

    @Override
    public void close() {
        target.close();
    }
}
