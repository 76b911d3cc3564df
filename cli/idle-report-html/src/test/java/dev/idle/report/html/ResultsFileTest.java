package dev.idle.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.BatchRecord;
import dev.idle.api.IdleInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsFileTest {
    private static final Instant T0 = Instant.parse("2026-12-04T22:00:00Z");

    private static List<ResultRow> read(String text) {
        List<ResultRow> rows = new ArrayList<>();
        ResultsFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "results.jsonl", rows::add);
        return rows;
    }

    @Test
    void aRecordOfARunBecomesARowWithItsTimesAndChangedSteps() {
        List<ResultRow> rows = read(ResultLines.record(4, "Completed", "leaver-jdoe", T0, 1.5, null) + "\n");

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.fileLine()).isEqualTo(1);
            assertThat(r.index()).isEqualTo(4);
            assertThat(r.requestLine()).isEqualTo(6);
            assertThat(r.correlationId()).isEqualTo("leaver-jdoe");
            assertThat(r.status()).isEqualTo("Completed");
            assertThat(r.duration()).isEqualTo(Duration.ofMillis(1500));
            assertThat(r.changedSteps()).isEqualTo(1);
            assertThat(r.steps()).isEqualTo(2);
            assertThat(r.error()).isNull();
        });
    }

    @Test
    void theLinesBatchRecordWritesAreRead() {
        String line = new BatchRecord(0, 1, T0, T0.plusSeconds(1), BatchRecord.Status.Invalid, "c-1",
                "requests.csv:1: 'UserPrincipalName' is missing", null, null).toJsonLine();

        assertThat(read(line + "\n")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("Invalid");
            assertThat(r.error()).isEqualTo("requests.csv:1: 'UserPrincipalName' is missing");
            assertThat(r.steps()).isZero();
        });
    }

    @Test
    void withoutAnErrorOfItsOwnARecordShowsItsFirstStepError() {
        List<ResultRow> rows = read(ResultLines.record(0, "Failed", "c", T0, 1, "HTTP 503 from Graph") + "\n");

        assertThat(rows.get(0).error()).isEqualTo("Disable account: HTTP 503 from Graph");
        assertThat(rows.get(0).changedSteps()).isZero();
    }

    @Test
    void aVeryLongErrorIsCutSoThatARowStaysSmall() {
        List<ResultRow> rows = read(ResultLines.notRun(0, "Invalid", "c", T0, "x".repeat(50_000)) + "\n");

        assertThat(rows.get(0).error()).hasSize(ResultsFile.MAX_TEXT + 1).endsWith("…");
    }

    @Test
    void aCredentialInAnErrorIsMaskedEvenWhenTheFileHeldIt() {
        List<ResultRow> rows = read(ResultLines.record(0, "Failed", "c", T0, 1,
                "401 for Authorization: Bearer abc.def.ghi") + "\n");

        assertThat(rows.get(0).error()).contains("[REDACTED]").doesNotContain("abc.def.ghi");
    }

    @Test
    void indexesMayRepeatAsInTheResultsOfManySubmissions() {
        String text = ResultLines.notRun(0, "Rejected", "a", T0, "rejected by alice") + "\n"
                + ResultLines.notRun(0, "Rejected", "b", T0, "rejected by bob") + "\n";

        assertThat(read(text)).extracting(ResultRow::correlationId).containsExactly("a", "b");
    }

    @Test
    void aTornLastLineIsRefusedNamingTheFileAndLine() {
        String full = ResultLines.record(0, "Completed", "c", T0, 1, null);
        String text = full + "\n" + full.substring(0, full.length() / 2);

        assertThatThrownBy(() -> read(text)).isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith("results.jsonl:2: not a complete JSON record (a torn line?)");
    }

    @Test
    void twoRecordsOnOneLineAreRefused() {
        String one = ResultLines.notRun(0, "Invalid", "c", T0, "bad");

        assertThatThrownBy(() -> read(one + " " + one + "\n")).isInstanceOf(IdleInputException.class)
                .hasMessage("results.jsonl:1: two records on one line");
    }

    @Test
    void anUnknownStatusIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> read("\n" + ResultLines.notRun(0, "Done", "c", T0, null) + "\n"))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("results.jsonl:2: 'status' must be one of Completed, Planned, Failed, PartiallyFailed,"
                        + " Blocked, NotRun, Invalid, Rejected");
    }

    @Test
    void aRecordWithoutItsTimesIsRefused() {
        assertThatThrownBy(() -> read("{\"index\":0,\"status\":\"Completed\"}\n"))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("results.jsonl:1: a results record needs 'index', 'status', 'startedAt' and 'finishedAt'");
        assertThatThrownBy(() -> read("{\"index\":0,\"status\":\"Completed\",\"startedAt\":\"yesterday\"}\n"))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("results.jsonl:1: 'startedAt' must be an ISO-8601 instant, e.g. 2026-12-04T22:00:00Z");
    }

    @Test
    void somethingElseThanAnObjectIsNotAResultsFile() {
        assertThatThrownBy(() -> read("[1, 2]\n")).isInstanceOf(IdleInputException.class)
                .hasMessage("results.jsonl:1: not a results record (a JSON object a line)");
    }
}
