package dev.idle.cli;

import static dev.idle.cli.BatchCliFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle batch --retry-failed RESULTS}: only the requests recorded {@code Failed}, {@code Invalid},
 * {@code Blocked} or {@code NotRun} run again, matched by index, into a new results file; a results file that does
 * not fit is refused with exit 2 before anything runs.
 */
class BatchRetryFailedTest {
    @TempDir
    Path dir;

    private BatchCliFixture f;

    @BeforeEach
    void files() throws IOException {
        f = new BatchCliFixture(dir);
    }

    private Path sixLeavers() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            lines.append(request("u" + i, null));
        }
        return f.write("leavers.jsonl", lines.toString());
    }

    @Test
    void onlyTheFailedAndInvalidRequestsRunAgainWithTheirOriginalIndexes() throws IOException {
        // u2 and u4 are missing from the directory (Failed); line 6 (index 5) is not a valid request (Invalid)
        f.identities("u0", "u1", "u3");
        Path requests = sixLeavers();
        Files.writeString(requests, Files.readString(requests).replace(request("u5", null),
                "{\"correlationId\":\"c-u5\",\"identityKeys\":{\"Id\":\"u5\"}}\n"));
        Path first = dir.resolve("first.jsonl");
        CliRun run1 = f.batch(f.workflow, "--requests", requests.toString(), "--results", first.toString());
        assertThat(run1.exit()).as(run1.err()).isEqualTo(3);
        assertThat(BatchCliFixture.records(first)).extracting(r -> r.get("status").asText())
                .containsExactly("Completed", "Completed", "Failed", "Completed", "Failed", "Invalid");

        // the directory gets u2 and u4, the bad line is fixed, and u0 (done before) is enabled again: a request
        // that ran again would disable it
        f.identities("u0", "u1", "u2", "u3", "u4", "u5");
        Files.writeString(requests, Files.readString(requests).replace(
                "{\"correlationId\":\"c-u5\",\"identityKeys\":{\"Id\":\"u5\"}}\n", request("u5", null)));
        Path second = dir.resolve("second.jsonl");
        CliRun run2 = f.batch(f.workflow, "--requests", requests.toString(), "--retry-failed", first.toString(),
                "--results", second.toString(), "--concurrency", "2");

        assertThat(run2.exit()).as(run2.err()).isZero();
        List<JsonNode> again = BatchCliFixture.records(second);
        assertThat(again).extracting(r -> r.get("index").asInt()).containsExactly(2, 4, 5);
        assertThat(again).extracting(r -> r.get("line").asInt()).containsExactly(3, 5, 6);
        assertThat(again).extracting(r -> r.get("correlationId").asText()).containsExactly("c-u2", "c-u4", "c-u5");
        assertThat(again).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("Completed"));
        for (String ran : List.of("u2", "u4", "u5")) {
            assertThat(f.enabled(ran)).as(ran).isFalse();
        }
        for (String untouched : List.of("u0", "u1", "u3")) {
            assertThat(f.enabled(untouched)).as("%s was not written again", untouched).isTrue();
            assertThat(f.state().at("/identities/" + untouched + "/sessions").size()).isEqualTo(1);
        }
        assertThat(run2.err()).contains("running again 3 of 6 requests");
        assertThat(BatchCliFixture.records(first)).hasSize(6);
    }

    @Test
    void theRecordedStatusDecidesWhatRunsAgain() throws IOException {
        f.identities("u0", "u1", "u2", "u3", "u4", "u5");
        Path requests = sixLeavers();
        Path previous = f.write("previous.jsonl", """
                {"index":0,"status":"Completed"}
                {"index":1,"status":"Blocked","steps":[{"name":"x","status":"Blocked"}]}
                {"index":2,"status":"NotRun","error":"not run: the batch already ran 2 requests"}
                {"index":3,"status":"PartiallyFailed"}
                {"index":4,"status":"Planned"}
                """);

        CliRun run = f.batch(f.workflow, "--requests", requests.toString(), "--retry-failed", previous.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(BatchCliFixture.records(run.out())).extracting(r -> r.get("index").asInt())
                .containsExactly(1, 2, 3);
        assertThat(f.enabled("u0")).isTrue();
        assertThat(f.enabled("u4")).isTrue();
        assertThat(f.enabled("u5")).as("no record, so not run again (that is what --resume is for)").isTrue();
        assertThat(f.enabled("u1")).isFalse();
    }

    @Test
    void aRejectedRecordIsReadAndNeverRunAgainForARejectionIsADecision() throws IOException {
        f.identities("u0", "u1", "u2", "u3", "u4", "u5");
        Path requests = sixLeavers();
        Path previous = f.write("previous.jsonl", """
                {"index":0,"status":"Rejected","correlationId":"c-u0","error":"rejected by bob at 2026-12-04T20:00:00Z: no"}
                {"index":1,"status":"Failed"}
                """);

        CliRun run = f.batch(f.workflow, "--requests", requests.toString(), "--retry-failed", previous.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(BatchCliFixture.records(run.out())).extracting(r -> r.get("index").asInt()).containsExactly(1);
        assertThat(f.enabled("u0")).isTrue();
    }

    @Test
    void stdinAndTheResultsFileItselfAsTheNewResultsAreRefused() throws IOException {
        f.identities("u0");
        Path requests = sixLeavers();
        Path previous = f.write("previous.jsonl", "{\"index\":0,\"status\":\"Failed\"}\n");
        JsonNode before = f.state();

        CliRun stdin = f.batchFromStdin(f.workflow, Files.readString(requests), "--retry-failed",
                previous.toString());
        assertThat(stdin.exit()).isEqualTo(2);
        assertThat(stdin.err()).contains("--retry-failed needs --requests FILE");

        CliRun same = f.batch(f.workflow, "--requests", requests.toString(), "--retry-failed", previous.toString(),
                "--results", dir.resolve(".").resolve("previous.jsonl").toString());
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("--results must not be the file given to --retry-failed");
        assertThat(Files.readString(previous)).isEqualTo("{\"index\":0,\"status\":\"Failed\"}\n");
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void aTornOrBadLineExitsTwoNamingFileAndLine() throws IOException {
        f.identities("u0");
        Path requests = sixLeavers();
        JsonNode before = f.state();
        Path torn = f.write("torn.jsonl", "{\"index\":0,\"status\":\"Failed\"}\n{\"index\":1,\"sta");
        Path noStatus = f.write("nostatus.jsonl", "{\"index\":0,\"status\":\"Failed\"}\n\n{\"index\":1}\n");
        Path unknown = f.write("unknown.jsonl", "{\"index\":0,\"status\":\"Done\"}\n");
        Path twice = f.write("twice.jsonl", "{\"index\":0,\"status\":\"Failed\"}\n{\"index\":0,\"status\":\"Failed\"}\n");
        Path twoOnALine = f.write("oneline.jsonl", "{\"index\":0,\"status\":\"Failed\"}{\"index\":1,\"status\":\"Failed\"}\n");

        assertRefused(requests, torn, torn + ":2: not a complete JSON record");
        assertRefused(requests, noStatus, noStatus + ":3: a results record needs 'index' and 'status'");
        assertRefused(requests, unknown, unknown + ":1: 'status' must be one of");
        assertRefused(requests, twice, twice + ":2: index 0 has a record on an earlier line already");
        assertRefused(requests, twoOnALine, twoOnALine + ":1: two records on one line");
        assertRefused(requests, dir.resolve("none.jsonl"), "none.jsonl: file not found");
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void anIndexBeyondTheRequestsFileExitsTwo() throws IOException {
        f.identities("u0");
        Path requests = sixLeavers();
        Path previous = f.write("previous.jsonl", "{\"index\":0,\"status\":\"Failed\"}\n"
                + "{\"index\":6,\"status\":\"Failed\"}\n{\"index\":1,\"status\":\"Failed\"}\n");

        assertRefused(requests, previous, previous + ":2: index 6 is beyond the 6 requests of " + requests);
        assertThat(f.enabled("u0")).isTrue();
    }

    private void assertRefused(Path requests, Path previous, String message) {
        CliRun run = f.batch(f.workflow, "--requests", requests.toString(), "--retry-failed", previous.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }
}
