package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code idle batch --resume} in-process, against the mock provider with a state file: a batch interrupted by a
 * results file that stops taking lines (exit 5) is resumed; the journal decides what runs again, the results are
 * repaired, and a resume with other inputs is refused. (A batch killed with SIGKILL: {@link BatchResumeTest}.)
 */
class BatchJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 10;

    @TempDir
    Path dir;

    private Path workflow;
    private Path host;
    private Path requests;
    private Path results;
    private Path journal;

    @BeforeEach
    void files() throws IOException {
        workflow = Files.copy(Path.of("..", "..", "docs", "examples", "leaver.psd1"), dir.resolve("leaver.psd1"));
        host = Files.writeString(dir.resolve("host.yaml"),
                "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
        StringBuilder state = new StringBuilder("{ \"identities\": {");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < N; i++) {
            state.append(i == 0 ? "" : ",").append("\"u").append(i).append("\": { \"enabled\": true }");
            lines.append("{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"c-").append(i)
                    .append("\",\"identityKeys\":{\"Id\":\"u").append(i).append("\"}}\n");
        }
        Files.writeString(dir.resolve("state.json"), state.append("} }\n"));
        requests = Files.writeString(dir.resolve("leavers.jsonl"), lines);
        results = dir.resolve("results.jsonl");
        journal = dir.resolve("results.jsonl.journal");
    }

    private String[] batch(String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", "--workflow", workflow.toString(), "--host",
                host.toString(), "--requests", requests.toString(), "--results", results.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** A batch whose results file stops taking lines after {@code good} records: exit 5, the journal kept. */
    private CliRun interrupted(int good) {
        CliRun run = BatchCommandTest.withSeams(CliOutputFilesTest.failingAfter(good), null, batch());
        assertThat(run.exit()).as(run.err()).isEqualTo(IdleCli.OUTPUT_FAILED);
        return run;
    }

    /** Enables again every identity the mock disabled: a request that ran again would disable it once more. */
    private void enableEveryone() throws IOException {
        ObjectNode state = (ObjectNode) JSON.readTree(dir.resolve("state.json").toFile());
        state.get("identities").forEach(identity -> ((ObjectNode) identity).put("enabled", true));
        Files.writeString(dir.resolve("state.json"), state.toString());
    }

    private boolean enabled(int i) throws IOException {
        return JSON.readTree(dir.resolve("state.json").toFile()).at("/identities/u" + i + "/enabled").asBoolean();
    }

    /** Index to status of every results line; fails on a line that is not JSON or an index given twice. */
    private Map<Integer, String> statusByIndex() throws IOException {
        Map<Integer, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(results)) {
            JsonNode r = JSON.readTree(line);
            assertThat(out.put(r.get("index").asInt(), r.get("status").asText())).as("index %s twice", r.get("index"))
                    .isNull();
        }
        return out;
    }

    private List<Integer> journalIndexes() throws IOException {
        List<Integer> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(journal);
        for (String line : lines.subList(1, lines.size())) {
            out.add(JSON.readTree(line).get("index").asInt());
        }
        return out;
    }

    @Test
    void anInterruptedBatchKeepsItsJournalAndItsResumeRunsOnlyTheRequestsTheJournalDoesNotList() throws IOException {
        CliRun first = interrupted(4);
        assertThat(first.err()).contains(journal + " is kept: run the same command with --resume");
        assertThat(journalIndexes()).containsExactly(0, 1, 2, 3);
        JsonNode header = JSON.readTree(Files.readAllLines(journal).get(0));
        assertThat(header.at("/inputs/0/name").asText()).isEqualTo("workflow");
        assertThat(header.at("/inputs/0/sha256").asText()).hasSize(64);
        assertThat(header.at("/options/--dry-run").asText()).isEqualTo("false");
        enableEveryone();

        CliRun resumed = CliRun.of(batch("--resume"));

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming: 4 requests finished before the interruption (4 Completed)");
        assertThat(statusByIndex()).hasSize(N).containsOnlyKeys(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
                .allSatisfy((i, status) -> assertThat(status).isEqualTo("Completed"));
        for (int i = 0; i < N; i++) {
            assertThat(enabled(i)).as("u%d ran again only if the journal did not list it", i).isEqualTo(i < 4);
        }
        assertThat(journal).as("a finished batch removes its journal").doesNotExist();
    }

    @Test
    void aTornLastLineAndAResultsLineTheJournalDoesNotListAreDroppedSoEveryRequestEndsUpOnce() throws IOException {
        interrupted(4);
        // a crash after results line 4 (index 3) was written but before its journal entry, then in the middle of a line
        List<String> entries = Files.readAllLines(journal);
        Files.writeString(journal, String.join("\n", entries.subList(0, entries.size() - 1)) + "\n");
        Files.writeString(results, "{\"index\":4,\"line\":5,\"startedAt\":\"2026-", StandardOpenOption.APPEND);
        enableEveryone();

        CliRun resumed = CliRun.of(batch("--resume"));

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming: 3 requests finished before")
                .contains(results + ": removed what followed the last request the journal lists");
        assertThat(statusByIndex()).hasSize(N).allSatisfy((i, status) -> assertThat(status).isEqualTo("Completed"));
        assertThat(enabled(2)).as("listed in the journal: not run again").isTrue();
        assertThat(enabled(3)).as("its results line was dropped: run again, recorded once").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"workflow", "host", "requests"})
    void aResumeWithAChangedInputFileIsRefusedNamingItAndChangesNothing(String input) throws IOException {
        interrupted(4);
        Path changed = switch (input) {
            case "workflow" -> workflow;
            case "host" -> host;
            default -> requests;
        };
        Files.writeString(changed, "\n", StandardOpenOption.APPEND);
        String resultsBefore = Files.readString(results);
        String journalBefore = Files.readString(journal);
        String stateBefore = Files.readString(dir.resolve("state.json"));

        CliRun resumed = CliRun.of(batch("--resume"));

        assertThat(resumed.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(resumed.err()).contains("idle: --resume refused: " + input + " file " + changed
                + " changed since the interrupted run (sha256 ").contains("delete " + journal + " to start over");
        assertThat(Files.readString(results)).isEqualTo(resultsBefore);
        assertThat(Files.readString(journal)).isEqualTo(journalBefore);
        assertThat(Files.readString(dir.resolve("state.json"))).isEqualTo(stateBefore);
    }

    @Test
    void aResumeWithAnotherDryRunOptionIsRefused() throws IOException {
        interrupted(2);

        CliRun resumed = CliRun.of(batch("--resume", "--dry-run"));

        assertThat(resumed.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(resumed.err()).contains("--dry-run was false in the interrupted run, now true");
    }

    @Test
    void aResumeWithAnotherBlastRadiusLimitIsRefused() throws IOException {
        interrupted(2);

        CliRun resumed = CliRun.of(batch("--resume", "--max-affected", "100"));

        assertThat(resumed.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(resumed.err()).contains("--max-affected was not given in the interrupted run, now 100");
        assertThat(journal).exists();
    }

    @Test
    void aResumeReadingStdinOrWritingStdoutIsRefused() {
        CliRun fromStdin = BatchCommandTest.withSeams(LineSink.LINE_FILES,
                () -> new ByteArrayInputStream(new byte[0]), "batch", "--workflow", workflow.toString(), "--host",
                host.toString(), "--requests", "-", "--results", results.toString(), "--resume");
        CliRun toStdout = CliRun.of("batch", "--workflow", workflow.toString(), "--host", host.toString(),
                "--requests", requests.toString(), "--resume");

        assertThat(fromStdin.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(fromStdin.err()).contains("--resume needs --requests <file>: standard input cannot be read again");
        assertThat(toStdout.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(toStdout.err()).contains("--resume needs --results <file>");
        assertThat(results).doesNotExist();
    }

    @Test
    void aNewRunOverAnInterruptedOnesJournalIsRefusedAndAResumeWithoutAJournalToo() throws IOException {
        interrupted(2);
        String resultsBefore = Files.readString(results);

        CliRun fresh = CliRun.of(batch());

        assertThat(fresh.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(fresh.err()).contains(journal + ": an interrupted batch left this journal; run the same command"
                + " with --resume to finish it, or delete the journal to start over");
        assertThat(Files.readString(results)).isEqualTo(resultsBefore);

        Files.delete(journal);
        assertThat(CliRun.of(batch()).exit()).isZero();
        CliRun nothingLeft = CliRun.of(batch("--resume"));
        assertThat(nothingLeft.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(nothingLeft.err()).contains("nothing to resume: there is no journal " + journal);
    }

    @Test
    void theExitCodeOfAResumeCountsTheRequestsThatFailedBeforeTheInterruption() throws IOException {
        ObjectNode state = (ObjectNode) JSON.readTree(dir.resolve("state.json").toFile());
        ((ObjectNode) state.get("identities")).remove("u1");
        Files.writeString(dir.resolve("state.json"), state.toString());
        interrupted(3);
        assertThat(Files.readString(journal)).contains("{\"index\":1,\"status\":\"Failed\"}");

        CliRun resumed = CliRun.of(batch("--resume"));

        assertThat(resumed.err()).contains("(2 Completed, 1 Failed)").contains("7 requests").contains(": 7 Completed");
        assertThat(resumed.exit()).as("index 1 failed before the interruption").isEqualTo(IdleCli.RUN_FAILED);
        assertThat(statusByIndex()).hasSize(N).containsEntry(1, "Failed");
    }

    @Test
    void aJournalWhoseHeaderIsTornStartsOverWithOrWithoutResume() throws IOException {
        // a kill while the journal was being started: no request ran
        Files.writeString(journal, "{\"journal\":\"idle batch journal\",\"vers");

        CliRun resumed = CliRun.of(batch("--resume"));

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains(journal + " has no header (the run stopped before any request ran);"
                + " starting over");
        assertThat(statusByIndex()).hasSize(N);
        assertThat(journal).doesNotExist();

        Files.writeString(journal, "");
        assertThat(CliRun.of(batch()).exit()).as("an empty journal holds no interrupted run").isZero();
        assertThat(statusByIndex()).hasSize(N);
    }
}
