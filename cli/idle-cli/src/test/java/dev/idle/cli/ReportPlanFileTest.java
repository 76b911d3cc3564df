package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle report --plan plan.json [--preview preview.json] --html FILE}: the reviewer who was sent a plan file
 * gets the same report {@code idle plan --html} makes, and never one of a plan changed after export.
 */
class ReportPlanFileTest {
    private static final Path EXAMPLES = Path.of("..", "..", "docs", "examples");

    @TempDir
    Path dir;

    private Path plan;
    private Path preview;

    private void exportPlanAndPreview() {
        plan = dir.resolve("plan.json");
        preview = dir.resolve("preview.json");
        CliRun run = CliRun.of("plan", "--workflow", EXAMPLES.resolve("leaver.psd1").toString(), "--request",
                EXAMPLES.resolve("request-leaver.json").toString(), "--host", EXAMPLES.resolve("host.yaml").toString(),
                "--out", plan.toString(), "--preview", preview.toString());
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void anExportedPlanIsReportedWithItsPreviewAndItsHash() throws Exception {
        exportPlanAndPreview();
        Path html = dir.resolve("review.html");

        CliRun run = CliRun.of("report", "--plan", plan.toString(), "--preview", preview.toString(),
                "--html", html.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        String hash = new ObjectMapper().readTree(plan.toFile()).path("planHash").asText();
        assertThat(Files.readString(html)).contains(hash, "Disable account", "What will change",
                "enabled: true → false");
        assertThat(run.err()).contains("planHash verified");
    }

    @Test
    void aPlanChangedAfterExportIsRefusedAndNoReportIsWritten() throws Exception {
        exportPlanAndPreview();
        Files.writeString(plan, Files.readString(plan).replace("Disable account", "Harmless step"));
        Path html = dir.resolve("review.html");

        CliRun run = CliRun.of("report", "--plan", plan.toString(), "--html", html.toString());

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains(plan.toString(), "planHash does not match the plan's content",
                "refusing to review it");
        assertThat(html).doesNotExist();
    }

    @Test
    void aPlanThatCannotRunBecauseOfRedactedValuesCanStillBeReviewed() throws Exception {
        Path workflow = Files.writeString(dir.resolve("joiner.psd1"), """
                @{ Name = 'Joiner'; LifecycleEvent = 'Joiner'
                   Steps = @(
                     @{ Name = 'Create'; Type = 'IdLE.Step.CreateIdentity'
                        With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'
                                  Attributes = @{ Password = '{{Request.Intent.TemporaryPassword}}' } } }
                   ) }
                """);
        Path request = Files.writeString(dir.resolve("request.json"), """
                { "lifecycleEvent": "Joiner", "correlationId": "c-9", "identityKeys": { "Id": "jdoe" },
                  "intent": { "TemporaryPassword": "Hr-Initial-Pass-31" } }
                """);
        plan = dir.resolve("plan.json");
        assertThat(CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--out", plan.toString()).exit()).isZero();
        Path html = dir.resolve("review.html");

        CliRun run = CliRun.of("report", "--plan", plan.toString(), "--html", html.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(html)).contains("[REDACTED]").doesNotContain("Hr-Initial-Pass-31");
    }

    @Test
    void aPreviewFileThatIsNoPreviewIsRefused() throws Exception {
        exportPlanAndPreview();
        Path html = dir.resolve("review.html");

        CliRun run = CliRun.of("report", "--plan", plan.toString(), "--preview", plan.toString(),
                "--html", html.toString());

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains(plan.toString(), "not a plan preview");
        assertThat(html).doesNotExist();
    }

    @Test
    void aPreviewThatIsNotJsonIsRefusedNamingItsLineAndColumn() throws Exception {
        exportPlanAndPreview();
        Files.writeString(preview, "{\n  \"kind\": \"IdLE.PlanPreview\",\n  \"steps\": [\n}\n");
        Path html = dir.resolve("review.html");

        CliRun run = CliRun.of("report", "--plan", plan.toString(), "--preview", preview.toString(),
                "--html", html.toString());

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains(preview.toString() + ":4:");
        assertThat(html).doesNotExist();
    }

    @Test
    void reportNeedsExactlyOneOfAResultsFileAndAPlan() throws Exception {
        exportPlanAndPreview();
        Path html = dir.resolve("review.html");

        CliRun neither = CliRun.of("report", "--html", html.toString());
        CliRun both = CliRun.of("report", "results.jsonl", "--plan", plan.toString(), "--html", html.toString());
        CliRun previewAlone = CliRun.of("report", "results.jsonl", "--preview", preview.toString(),
                "--html", html.toString());

        assertThat(neither.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(neither.err()).contains("Give a results file or --plan");
        assertThat(both.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(previewAlone.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(previewAlone.err()).contains("--preview needs --plan");
        assertThat(html).doesNotExist();
    }
}
