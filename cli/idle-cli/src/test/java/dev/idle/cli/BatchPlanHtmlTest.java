package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.BatchRecord;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPlanHtmlTest {
    @TempDir
    Path dir;

    @Test
    void onlyThePlansOfTheLowestIndexesAreKeptAndTheReportSaysHowManyAreLeftOut() throws Exception {
        Path html = dir.resolve("batch.html");
        Idle idle = Idle.create();
        try (BatchPlanHtml report = new BatchPlanHtml(HtmlReportFile.open(html), "requests.jsonl", 2)) {
            for (long index : new long[] {3, 1, 2, 0}) { // the order requests finish in
                report.add(planned(idle, index));
            }
            assertThat(report.write()).isNull();
        }
        String page = Files.readString(html);
        assertThat(page).contains("id=\"request-0\"", "id=\"request-1\"", "c-3", "c-2")
                .doesNotContain("id=\"request-2\"", "id=\"request-3\"")
                .contains("The plans of 2 planned requests are not in this report");
        assertThat(page.indexOf("data-index=\"0\"")).isLessThan(page.indexOf("data-index=\"3\""));
    }

    private static BatchRecord planned(Idle idle, long index) {
        LifecycleRequest request = LifecycleRequest.builder("Leaver").correlationId("c-" + index)
                .identityKey("Id", "user" + index).build();
        Plan plan = idle.plan(Path.of("..", "..", "docs", "examples", "leaver.psd1"), request, null);
        Instant now = Instant.now();
        return new BatchRecord(index, index + 1, now, now, BatchRecord.Status.Planned, "c-" + index, null, null, plan);
    }
}
