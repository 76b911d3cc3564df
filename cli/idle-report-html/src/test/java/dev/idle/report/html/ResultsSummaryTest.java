package dev.idle.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResultsSummaryTest {
    private static final Instant T0 = Instant.parse("2026-12-04T22:00:00Z");

    private static ResultRow row(long line, String status, long startSecond, long seconds) {
        Instant start = T0.plusSeconds(startSecond);
        return new ResultRow(line, line - 1, line, "c-" + line, status, start, start.plusSeconds(seconds),
                1, 2, null);
    }

    @Test
    void keepsAtMostRowsPerStatusButCountsEveryRecord() {
        ResultsSummary summary = new ResultsSummary(100);
        for (int i = 1; i <= 100_000; i++) {
            summary.add(row(i, "Completed", i, 1));
        }
        summary.add(row(100_001, "Failed", 5, 1));
        summary.add(row(100_002, "Invalid", 6, 0));

        assertThat(summary.records()).isEqualTo(100_002);
        assertThat(summary.totals()).containsEntry("Completed", 100_000L).containsEntry("Failed", 1L)
                .containsEntry("Invalid", 1L).containsEntry("Blocked", 0L);
        assertThat(summary.rows()).hasSize(102);
        assertThat(summary.rows()).extracting(ResultRow::status).endsWith("Failed", "Invalid");
        assertThat(summary.rowsLeftOut()).isEqualTo(99_900);
        assertThat(summary.changedSteps()).isEqualTo(100_002);
    }

    @Test
    void theSpanRunsFromTheFirstStartToTheLastFinishWhateverTheOrder() {
        ResultsSummary summary = new ResultsSummary(10);
        summary.add(row(1, "Completed", 50, 10));
        summary.add(row(2, "Completed", 0, 5));
        summary.add(row(3, "Failed", 20, 100));

        assertThat(summary.firstStarted()).isEqualTo(T0);
        assertThat(summary.lastFinished()).isEqualTo(T0.plusSeconds(120));
        assertThat(summary.longest()).isEqualTo(Duration.ofSeconds(100));
        assertThat(summary.rows()).extracting(ResultRow::fileLine).containsExactly(1L, 2L, 3L);
    }

    @Test
    void totalsListEveryStatusInTheDocumentedOrder() {
        assertThat(new ResultsSummary(1).totals().keySet()).containsExactlyElementsOf(ResultsFile.STATUSES);
    }
}
