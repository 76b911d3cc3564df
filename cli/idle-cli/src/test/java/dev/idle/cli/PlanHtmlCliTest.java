package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idle plan --html FILE} and {@code idle batch --dry-run --html FILE}: the review report beside the plan. */
class PlanHtmlCliTest {
    static final String WORKFLOW = "../../docs/examples/leaver.psd1";
    static final String REQUEST = "../../docs/examples/request-leaver.json";
    static final String SCRIPT = "<script>window.owned=1</script>";

    @TempDir
    Path dir;

    @Test
    void planHtmlReportsTheExportedPlanWithItsHash() throws Exception {
        Path plan = dir.resolve("plan.json");
        Path html = dir.resolve("plan.html");
        CliRun run = CliRun.of("plan", "--workflow", WORKFLOW, "--request", REQUEST, "--out", plan.toString(),
                "--html", html.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode export = new ObjectMapper().readTree(plan.toFile());
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>")
                .contains(export.path("planHash").asText(), "Leaver - standard", "Disable account",
                        "Revoke sign-in sessions", "Announce leaver", "Report rendered at", "Tell the helpdesk");
    }

    @Test
    void planHtmlKeepsThePlanOnStdoutWithoutOut() throws Exception {
        Path html = dir.resolve("plan.html");
        CliRun run = CliRun.of("plan", "--workflow", WORKFLOW, "--request", REQUEST, "--html", html.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        String hash = new ObjectMapper().readTree(run.out()).path("planHash").asText();
        assertThat(Files.readString(html)).contains(hash);
    }

    @Test
    void anHtmlPathThatCannotBeWrittenExits2BeforePlanning() {
        Path html = dir.resolve("missing-folder").resolve("plan.html");
        CliRun run = CliRun.of("plan", "--workflow", WORKFLOW, "--request", REQUEST, "--html", html.toString());
        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains(html.toString(), "the output directory does not exist");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void batchDryRunHtmlHasARowPerRequestAndEscapesEveryValue() throws Exception {
        BatchCliFixture files = new BatchCliFixture(dir);
        Path requests = files.write("requests.jsonl",
                BatchCliFixture.request("jdoe", null)
                + "{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"c-x" + SCRIPT.replace("\"", "\\\"")
                + "\",\"identityKeys\":{\"Id\":\"x\"},\"intent\":{\"DisplayName\":\"" + SCRIPT + "\"}}\n"
                + "{\"lifecycleEvent\":\"Leaver\",\"" + SCRIPT + "\":1}\n");
        Path html = dir.resolve("batch.html");
        CliRun run = CliRun.of("batch", "--workflow", files.workflow.toString(), "--host", files.host.toString(),
                "--requests", requests.toString(), "--dry-run", "--results", dir.resolve("r.jsonl").toString(),
                "--html", html.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(IdleCli.RUN_FAILED); // the third line is Invalid
        String page = Files.readString(html);
        assertThat(page).contains("href=\"#request-0\"", "href=\"#request-1\"", "id=\"request-0\"",
                        "id=\"request-1\"", "c-jdoe", "unknown request key")
                .doesNotContain("id=\"request-2\"", "<script>window.owned")
                .contains("&lt;script&gt;window.owned=1&lt;/script&gt;");
    }

    @Test
    void batchHtmlNeedsADryRun() {
        BatchCliFixture files;
        try {
            files = new BatchCliFixture(dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        CliRun run = CliRun.of("batch", "--workflow", files.workflow.toString(), "--host", files.host.toString(),
                "--requests", dir.resolve("none.jsonl").toString(), "--html", dir.resolve("b.html").toString());
        assertThat(run.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(run.err()).contains("--html needs --dry-run");
        assertThat(dir.resolve("b.html")).doesNotExist();
    }
}
