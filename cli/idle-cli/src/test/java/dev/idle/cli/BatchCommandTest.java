package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code idle batch} against the mock provider with a state file: inputs, records, summary and every exit code. */
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path workflow;
    private Path host;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @BeforeEach
    void files() throws IOException {
        workflow = Path.of("..", "..", "docs", "examples", "leaver.psd1");
        host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
    }

    /** A mock state holding identities {@code u0 .. u<n-1>}, each enabled with one session. */
    private void state(int n) throws IOException {
        StringBuilder s = new StringBuilder("{ \"identities\": {");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("\"u").append(i).append("\": { \"enabled\": true, \"attributes\": {},"
                    + " \"entitlements\": [], \"sessions\": [ { \"id\": \"s").append(i).append("\", \"client\": \"Teams\" } ] }");
        }
        write("state.json", s.append("} }\n").toString());
    }

    private static String leaver(int i) {
        return "{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"c-" + i + "\",\"identityKeys\":{\"Id\":\"u" + i
                + "\"}}\n";
    }

    private static List<JsonNode> records(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private CliRun batch(String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", "--workflow", workflow.toString(), "--host",
                host.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void jsonLinesRequestsAllCompleteAndExitZeroWithOneRecordEach() throws IOException {
        state(3);
        Path requests = write("leavers.jsonl", leaver(0) + leaver(1) + leaver(2));
        Path results = dir.resolve("results.jsonl");

        CliRun run = batch("--requests", requests.toString(), "--results", results.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<JsonNode> records = records(results);
        assertThat(records).hasSize(3);
        for (JsonNode r : records) {
            assertThat(r.get("status").asText()).isEqualTo("Completed");
            int index = r.get("index").asInt();
            assertThat(r.get("line").asInt()).isEqualTo(index + 1);
            assertThat(r.get("correlationId").asText()).isEqualTo("c-" + index);
            assertThat(r.at("/steps/1/name").asText()).isEqualTo("Revoke sign-in sessions");
            assertThat(r.get("startedAt").asText()).endsWith("Z");
            assertThat(r.get("finishedAt").asText()).endsWith("Z");
        }
        JsonNode state = JSON.readTree(dir.resolve("state.json").toFile());
        assertThat(state.at("/identities/u1/enabled").asBoolean()).isFalse();
        assertThat(state.at("/identities/u1/sessions").size()).isZero();
        assertThat(run.err()).contains("idle batch: 3 requests in ").contains(": 3 Completed")
                .contains("; throttled (429) 0 times");
    }

    @Test
    void csvRequestsWithAnInvalidRowRunTheOthersAndExitThree() throws IOException {
        state(3);
        Path requests = write("leavers.csv", """
                lifecycleEvent,correlationId,identityKeys.Id
                Leaver,c-0,u0
                ,c-bad,u1
                Leaver,c-2,u2
                """);

        CliRun run = batch("--requests", requests.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            records.add(JSON.readTree(line));
        }
        records.sort((a, b) -> Integer.compare(a.get("index").asInt(), b.get("index").asInt()));
        assertThat(records).extracting(r -> r.get("status").asText())
                .containsExactly("Completed", "Invalid", "Completed");
        assertThat(records.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(records.get(1).get("correlationId").asText()).isEqualTo("c-bad");
        assertThat(records.get(1).get("error").asText()).contains("leavers.csv:3").contains("lifecycleEvent");
        assertThat(run.err()).contains("3 requests").contains("2 Completed, 1 Invalid");
        JsonNode state = JSON.readTree(dir.resolve("state.json").toFile());
        assertThat(state.at("/identities/u1/enabled").asBoolean()).isTrue();
        assertThat(state.at("/identities/u2/enabled").asBoolean()).isFalse();
    }

    @Test
    void aFailedRequestExitsThree() throws IOException {
        state(2);
        host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n"
                + "    failPermanentlyOn: [RevokeSessions]\n");
        Path requests = write("leavers.jsonl", leaver(0) + leaver(1));

        CliRun run = batch("--requests", requests.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("2 Failed");
    }

    @Test
    void blockedRequestsWithNoFailureExitFour() throws IOException {
        state(2);
        workflow = write("blocked.psd1", """
                @{ Name = 'B'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Guarded'; Type = 'IdLE.Step.EmitEvent'
                                 Precondition = @{ Equals = @{ Path = 'Request.IdentityKeys.Id'; Value = 'u0' } } } ) }
                """);
        Path requests = write("leavers.jsonl", leaver(0) + leaver(1));

        CliRun run = batch("--requests", requests.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(4);
        assertThat(run.err()).contains("1 Completed, 1 Blocked");
    }

    @Test
    void aBadWorkflowExitsTwoBeforeAnyProviderCallAndWritesNoResults() throws IOException {
        state(1);
        JsonNode before = JSON.readTree(dir.resolve("state.json").toFile());
        workflow = write("bad.psd1", "@{ Name = 'X'; LifecycleEvent = 'Leaver'; Steps = @( @{ Name = 'A';"
                + " Type = 'IdLE.Step.NoSuchStep' } ) }");
        Path requests = write("leavers.jsonl", leaver(0));
        Path results = dir.resolve("results.jsonl");

        CliRun run = batch("--requests", requests.toString(), "--results", results.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("bad.psd1").contains("NoSuchStep");
        assertThat(results).doesNotExist();
        assertThat(JSON.readTree(dir.resolve("state.json").toFile())).isEqualTo(before);
    }

    @Test
    void aBadCsvHeaderAndAMissingRequestsFileExitTwo() throws IOException {
        state(1);
        Path csv = write("people.csv", "lifecycleEvent,Upn\nLeaver,u0\n");

        assertThat(batch("--requests", csv.toString()).err()).contains("column 2 'Upn': not a request path");
        assertThat(batch("--requests", csv.toString()).exit()).isEqualTo(2);
        assertThat(batch("--requests", dir.resolve("none.jsonl").toString()).exit()).isEqualTo(2);
        assertThat(batch("--requests", csv.toString(), "--concurrency", "0").exit()).isEqualTo(64);
    }

    @Test
    void aDryRunPlansEveryRequestLeavesTheStateUnchangedAndExitsZero() throws IOException {
        state(3);
        JsonNode before = JSON.readTree(dir.resolve("state.json").toFile());
        Path requests = write("leavers.jsonl", leaver(0) + leaver(1) + leaver(2));

        CliRun run = batch("--requests", requests.toString(), "--dry-run", "--concurrency", "3");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().split("\n")).hasSize(3).allSatisfy(line -> {
            JsonNode r = JSON.readTree(line);
            assertThat(r.get("status").asText()).isEqualTo("Planned");
            assertThat(r.at("/steps/0/status").asText()).isEqualTo("Planned");
        });
        assertThat(JSON.readTree(dir.resolve("state.json").toFile())).isEqualTo(before);
        assertThat(run.err()).contains("(dry run)").contains("3 Planned");
    }

    @Test
    void aDryRunWithAnInvalidRequestExitsThree() throws IOException {
        state(1);
        Path requests = write("leavers.jsonl", leaver(0) + "{\"identityKeys\":{\"Id\":\"u0\"}}\n");

        CliRun run = batch("--requests", requests.toString(), "--dry-run");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("1 Invalid, 1 Planned");
    }

    @Test
    void manyRequestsWithConcurrencyEightGiveEveryRecordExactlyOnce() throws IOException {
        int n = 300;
        state(n);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(leaver(i));
        }
        Path requests = write("leavers.ndjson", text.toString());
        Path results = dir.resolve("results.jsonl");

        CliRun run = batch("--requests", requests.toString(), "--results", results.toString(), "--concurrency", "8");

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> records = records(results);
        Set<Integer> indexes = new HashSet<>();
        for (JsonNode r : records) {
            int index = r.get("index").asInt();
            assertThat(indexes.add(index)).as("index %d twice", index).isTrue();
            assertThat(r.get("line").asInt()).isEqualTo(index + 1);
            assertThat(r.get("correlationId").asText()).isEqualTo("c-" + index);
            assertThat(r.get("status").asText()).isEqualTo("Completed");
        }
        assertThat(indexes).hasSize(n);
        JsonNode state = JSON.readTree(dir.resolve("state.json").toFile());
        for (int i = 0; i < n; i++) {
            assertThat(state.at("/identities/u" + i + "/enabled").asBoolean()).as("u%d", i).isFalse();
        }
    }

    @Test
    void stdinIsReadAsJsonLinesOrAsCsvWithFormat() throws IOException {
        state(2);
        CliRun jsonl = withSeams(LineSink.LINE_FILES, stdin(leaver(0)), "batch", "--workflow", workflow.toString(),
                "--host", host.toString(), "--requests", "-");
        assertThat(jsonl.exit()).as(jsonl.err()).isZero();
        assertThat(JSON.readTree(jsonl.out()).get("correlationId").asText()).isEqualTo("c-0");

        CliRun csv = withSeams(LineSink.LINE_FILES, stdin("lifecycleEvent,identityKeys.Id\nLeaver,u1\n"), "batch",
                "--workflow", workflow.toString(), "--host", host.toString(), "--requests", "-", "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(JSON.readTree(csv.out()).get("status").asText()).isEqualTo("Completed");
    }

    @Test
    void resultsThatCannotBeWrittenMidwayExitFiveAndStopTakingUpRequests() throws IOException {
        int n = 100;
        state(n);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(leaver(i));
        }
        Path requests = write("leavers.jsonl", text.toString());
        Path results = dir.resolve("results.jsonl");

        CliRun run = withSeams(CliOutputFilesTest.failingAfter(2), stdin(""), "batch", "--workflow", workflow.toString(), "--host",
                host.toString(), "--requests", requests.toString(), "--results", results.toString());

        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.err()).contains(results + ": the results are incomplete (2 records written)")
                .contains("No space left on device");
        assertThat(Files.readAllLines(results)).hasSize(2);
        JsonNode state = JSON.readTree(dir.resolve("state.json").toFile());
        assertThat(state.at("/identities/u99/enabled").asBoolean()).as("the last request never ran").isTrue();
    }

    @Test
    void anUnwritableResultsPathExitsTwoBeforeAnyProviderCall() throws IOException {
        state(1);
        JsonNode before = JSON.readTree(dir.resolve("state.json").toFile());
        Path requests = write("leavers.jsonl", leaver(0));

        CliRun run = batch("--requests", requests.toString(), "--results", dir.resolve("no/such/dir.jsonl").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(JSON.readTree(dir.resolve("state.json").toFile())).isEqualTo(before);
    }

    private static Supplier<InputStream> stdin(String text) {
        return () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static CliRun withSeams(LineSink.Opener results, Supplier<InputStream> stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == BatchCommand.class ? cls.cast(new BatchCommand(results, stdin))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        int code = IdleCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), List.of(), factory);
        return new CliRun(code, out.toString(), err.toString());
    }
}
