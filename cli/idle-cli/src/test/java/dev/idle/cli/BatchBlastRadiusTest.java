package dev.idle.cli;

import static dev.idle.cli.BatchCliFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle batch --max-affected / --confirm-affected} and {@code executionOptions.maxAffected} against the mock
 * provider with a state file: a stop leaves the state and the results untouched, a confirmation runs everything, and
 * with stdin the cap is a running one.
 */
class BatchBlastRadiusTest {
    @TempDir
    Path dir;

    private BatchCliFixture f;
    private Path conditional;

    @BeforeEach
    void files() throws IOException {
        f = new BatchCliFixture(dir);
        conditional = f.write("maybe-leaver.psd1", BatchCliFixture.CONDITIONAL_LEAVER);
    }

    /** Five leavers u0..u4, all in the mock. */
    private Path fiveLeavers() throws IOException {
        f.identities("u0", "u1", "u2", "u3", "u4");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            lines.append(request("u" + i, null));
        }
        return f.write("leavers.jsonl", lines.toString());
    }

    /** Ten requests u0..u9, of which u1, u4 and u7 leave; the others only pass the EmitEvent step. */
    private Path tenOfWhichThreeLeave() throws IOException {
        f.identities("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append(request("u" + i, i % 3 == 1 ? "yes" : "no"));
        }
        return f.write("mixed.jsonl", lines.toString());
    }

    @Test
    void aboveTheLimitTheBatchStopsWithExitTwoBeforeAnyWriteAndWritesNoResults() throws IOException {
        Path requests = fiveLeavers();
        JsonNode before = f.state();
        Path results = dir.resolve("results.jsonl");

        CliRun run = f.batch(f.workflow, "--requests", requests.toString(), "--results", results.toString(),
                "--max-affected", "2", "--concurrency", "3");

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("idle: 5 of 5 requests would change something, more than --max-affected 2;"
                + " nothing was run. Repeat with --confirm-affected 5 to run them anyway.");
        assertThat(f.state()).isEqualTo(before);
        assertThat(results).doesNotExist();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void confirmingTheExactCountRunsEveryRequest() throws IOException {
        Path requests = fiveLeavers();

        CliRun run = f.batch(f.workflow, "--requests", requests.toString(), "--max-affected", "2",
                "--confirm-affected", "5");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(BatchCliFixture.records(run.out())).hasSize(5)
                .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("Completed"));
        for (int i = 0; i < 5; i++) {
            assertThat(f.enabled("u" + i)).isFalse();
        }
        assertThat(run.err()).contains("5 of 5 requests would change something (limit --max-affected 2); confirmed");
    }

    @Test
    void aConfirmationWithAnotherCountIsRefusedAndRunsNothing() throws IOException {
        Path requests = fiveLeavers();
        JsonNode before = f.state();

        CliRun run = f.batch(f.workflow, "--requests", requests.toString(), "--max-affected", "2",
                "--confirm-affected", "4");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--confirm-affected 4 does not match: 5 of 5 requests would change something;"
                + " nothing was run").contains("--confirm-affected 5");
        assertThat(f.state()).isEqualTo(before);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void stepsSkippedByTheirConditionDoNotCountAndAPercentageIsOfTheRequestsInTheFile() throws IOException {
        Path requests = tenOfWhichThreeLeave();
        JsonNode before = f.state();

        CliRun stopped = f.batch(conditional, "--requests", requests.toString(), "--max-affected", "20%");
        assertThat(stopped.exit()).as(stopped.err()).isEqualTo(2);
        assertThat(stopped.err()).contains("3 of 10 requests would change something, more than --max-affected 20%"
                + " = 2 of the 10 requests; nothing was run");
        assertThat(f.state()).isEqualTo(before);

        CliRun ran = f.batch(conditional, "--requests", requests.toString(), "--max-affected", "30%");
        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(BatchCliFixture.records(ran.out())).hasSize(10);
        assertThat(f.enabled("u1")).isFalse();
        assertThat(f.enabled("u4")).isFalse();
        assertThat(f.enabled("u7")).isFalse();
        assertThat(f.enabled("u0")).isTrue();
    }

    @Test
    void theHostFilesMaxAffectedGuardsAndTheOptionWinsOverIt() throws IOException {
        Path requests = fiveLeavers();
        JsonNode before = f.state();
        f.write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n"
                + "executionOptions:\n  maxAffected: 3\n");

        CliRun stopped = f.batch(f.workflow, "--requests", requests.toString());
        assertThat(stopped.exit()).as(stopped.err()).isEqualTo(2);
        assertThat(stopped.err()).contains("5 of 5 requests would change something, more than"
                + " executionOptions.maxAffected 3 (" + f.host + ")");
        assertThat(f.state()).isEqualTo(before);

        CliRun ran = f.batch(f.workflow, "--requests", requests.toString(), "--max-affected", "5");
        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(f.enabled("u4")).isFalse();
    }

    @Test
    void badValuesExitTwoNamingTheOptionOrTheHostKey() throws IOException {
        Path requests = fiveLeavers();
        JsonNode before = f.state();

        CliRun option = f.batch(f.workflow, "--requests", requests.toString(), "--max-affected", "many");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err()).contains("--max-affected must be a number of requests (such as 100) or a percentage");

        CliRun negative = f.batch(f.workflow, "--requests", requests.toString(), "--confirm-affected", "-1");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--confirm-affected must be a number of requests from 0");

        f.write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n"
                + "executionOptions:\n  maxAffected: 150%\n");
        CliRun host = f.batch(f.workflow, "--requests", requests.toString());
        assertThat(host.exit()).isEqualTo(2);
        assertThat(host.err()).contains("executionOptions.maxAffected must be").contains("'150%'");
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void withStdinTheCapIsARunningOneAndTheRestAreRecordedNotRunWithExitFour() throws IOException {
        Path requests = fiveLeavers();
        String lines = java.nio.file.Files.readString(requests);

        CliRun run = f.batchFromStdin(f.workflow, lines, "--max-affected", "2", "--concurrency", "3");

        assertThat(run.exit()).as(run.err()).isEqualTo(4);
        List<JsonNode> records = BatchCliFixture.records(run.out());
        assertThat(records).hasSize(5);
        assertThat(records).filteredOn(r -> r.get("status").asText().equals("Completed")).hasSize(2);
        assertThat(records).filteredOn(r -> r.get("status").asText().equals("NotRun")).hasSize(3)
                .allSatisfy(r -> assertThat(r.get("error").asText()).contains("maxAffected 2"));
        long disabled = 0;
        for (int i = 0; i < 5; i++) {
            disabled += f.enabled("u" + i) ? 0 : 1;
        }
        assertThat(disabled).isEqualTo(2);
        assertThat(run.err()).contains("2 Completed, 3 NotRun")
                .contains("idle: the batch reached --max-affected 2: 3 requests were not run (NotRun)");
    }

    @Test
    void withStdinAPercentageOrAConfirmationIsRefused() throws IOException {
        String lines = java.nio.file.Files.readString(fiveLeavers());
        JsonNode before = f.state();

        CliRun percent = f.batchFromStdin(f.workflow, lines, "--max-affected", "10%");
        assertThat(percent.exit()).isEqualTo(2);
        assertThat(percent.err()).contains("--max-affected 10% needs --requests FILE");

        CliRun confirm = f.batchFromStdin(f.workflow, lines, "--max-affected", "1", "--confirm-affected", "5");
        assertThat(confirm.exit()).isEqualTo(2);
        assertThat(confirm.err()).contains("--confirm-affected needs --requests FILE");
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void aDryRunIsNeverStoppedAndSaysHowManyWouldChangeAndWhetherARunWouldStop() throws IOException {
        Path requests = tenOfWhichThreeLeave();
        JsonNode before = f.state();

        CliRun run = f.batch(conditional, "--requests", requests.toString(), "--max-affected", "2", "--dry-run");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("idle batch (dry run): 3 of 10 planned requests would change something;"
                + " a run would stop: more than --max-affected 2 (confirm with --confirm-affected 3)");
        assertThat(f.state()).isEqualTo(before);
    }
}
