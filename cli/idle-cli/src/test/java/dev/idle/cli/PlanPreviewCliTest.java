package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle plan --preview FILE} with the documented leaver example (docs/examples): the preview is its own
 * document next to the plan, tied to it by the plan's hash, and the plan export is the same with or without it.
 */
class PlanPreviewCliTest {
    private static final Path EXAMPLES = Path.of("..", "..", "docs", "examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun plan(String... extra) {
        String[] base = {"plan", "--workflow", EXAMPLES.resolve("leaver.psd1").toString(), "--request",
                EXAMPLES.resolve("request-leaver.json").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void previewIsWrittenBesideThePlanAndNamesItsHash() throws Exception {
        Path preview = dir.resolve("leaver.preview.json");
        Path planFile = dir.resolve("leaver.plan.json");

        CliRun run = plan("--host", EXAMPLES.resolve("host.yaml").toString(), "--out", planFile.toString(),
                "--preview", preview.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode doc = JSON.readTree(Files.readString(preview));
        JsonNode exported = JSON.readTree(Files.readString(planFile));
        assertThat(doc.path("kind").asText()).isEqualTo("IdLE.PlanPreview");
        assertThat(doc.path("planHash").asText()).isEqualTo(exported.path("planHash").asText());
        assertThat(doc.path("steps")).hasSize(3);
        assertThat(doc.path("steps").get(0).path("changes").get(0).path("summary").asText())
                .isEqualTo("enabled: true → false");
        assertThat(doc.path("steps").get(1).path("changes").get(0).path("summary").asText())
                .isEqualTo("active sessions: 2 → 0");
        assertThat(doc.path("steps").get(2).path("status").asText()).isEqualTo("NotPreviewed");
        assertThat(Files.readString(planFile)).doesNotContain("previewedAt").doesNotContain("PlanPreview");
    }

    @Test
    void theHtmlReportShowsThePreviewBesideEachStep() throws Exception {
        Path html = dir.resolve("leaver.html");

        CliRun run = plan("--host", EXAMPLES.resolve("host.yaml").toString(), "--out", dir.resolve("p.json").toString(),
                "--preview", dir.resolve("leaver.preview.json").toString(), "--html", html.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(html)).contains("What will change", "enabled: true → false",
                "active sessions: 2 → 0", "Not previewed for this step type");
    }

    @Test
    void theHtmlReportWithoutAPreviewSaysNothingOfChanges() throws Exception {
        Path html = dir.resolve("leaver.html");

        CliRun run = plan("--host", EXAMPLES.resolve("host.yaml").toString(), "--out", dir.resolve("p.json").toString(),
                "--html", html.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(html)).doesNotContain("What will change", "enabled: true → false");
    }

    @Test
    void thePlanOnStdoutIsTheSameWithAndWithoutAPreview() {
        String host = EXAMPLES.resolve("host.yaml").toString();

        CliRun without = plan("--host", host);
        CliRun with = plan("--host", host, "--preview", dir.resolve("p.json").toString());

        assertThat(with.exit()).as(with.err()).isZero();
        assertThat(with.out()).isEqualTo(without.out());
    }

    @Test
    void previewWithoutAHostIsAUsageErrorNamingBothOptions() {
        CliRun run = plan("--preview", dir.resolve("p.json").toString());

        assertThat(run.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(run.err()).contains("--preview needs --host");
        assertThat(dir.resolve("p.json")).doesNotExist();
    }

    @Test
    void aPreviewFileInAMissingFolderStopsThePlanBeforeAnyProviderIsRead() {
        Path planFile = dir.resolve("plan.json");

        CliRun run = plan("--host", EXAMPLES.resolve("host.yaml").toString(), "--out", planFile.toString(),
                "--preview", dir.resolve("missing").resolve("p.json").toString());

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains("p.json: the output directory does not exist");
        assertThat(planFile).doesNotExist();
    }
}
