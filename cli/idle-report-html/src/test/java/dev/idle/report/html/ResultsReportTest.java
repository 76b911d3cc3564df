package dev.idle.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.IdleInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {
    private static final Instant T0 = Instant.parse("2026-12-04T22:00:00Z");
    private static final String HOSTILE = "<script>window.owned=1</script>";

    @TempDir
    Path dir;

    private static String render(String lines, int rowsPerStatus) {
        ResultsSummary summary = ResultsReport.read(
                new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "results.jsonl", rowsPerStatus);
        return ResultsReport.render(summary, "results.jsonl", T0.plusSeconds(3600));
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aScriptInACorrelationIdOrAnErrorIsWrittenAsText() {
        String html = render(ResultLines.notRun(0, "Invalid", HOSTILE, T0, "bad line " + HOSTILE) + "\n", 10);

        assertThat(html).doesNotContain(HOSTILE).contains("&lt;script&gt;window.owned=1&lt;/script&gt;");
        assertThat(count(html, "<script")).isEqualTo(1);
    }

    @Test
    void thePageShowsTotalsChartsAndARowPerRecordWithTheRenderTimeLabelled() {
        String html = render(ResultLines.record(0, "Completed", "c-0", T0, 1, null) + "\n"
                + ResultLines.record(1, "Failed", "c-1", T0.plusSeconds(2), 1, "HTTP 503") + "\n", 10);

        assertThat(html).contains("id=\"outcomes-chart\"", "id=\"rate-chart\"", "Report rendered at",
                "2026-12-04T23:00:00Z", "Disable account: HTTP 503");
        assertThat(count(html, "<tr data-status=\"Completed\">")).isEqualTo(2); // totals + row
        assertThat(count(html, "<tr data-status=\"Failed\">")).isEqualTo(2);
        assertThat(html).doesNotContain("id=\"rows-left-out\"");
    }

    @Test
    void thePageSaysHowManyRowsWereLeftOut() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append(ResultLines.record(i, "Completed", "c-" + i, T0.plusSeconds(i), 1, null)).append('\n');
        }
        String html = render(lines.toString(), 5);

        assertThat(html).contains("Showing 5 of 30 requests: at most 5 rows of each status");
        assertThat(count(html, "<tr data-status=\"Completed\">")).isEqualTo(6);
    }

    @Test
    void withoutScriptEveryRowIsShownAndTheControlsThatNeedItAreHidden() {
        String html = render(ResultLines.record(0, "Completed", "c-0", T0, 1, null) + "\n", 10);

        assertThat(html).contains("<div class=\"results-controls hidden\" id=\"controls\">")
                .doesNotContain("<tr class=\"hidden\"").doesNotContain("<tr data-status=\"Completed\" class");
    }

    /** Records made as they are read: the whole file never exists, in memory or on disk. */
    private static InputStream generated(int records) {
        return new InputStream() {
            private int next;
            private byte[] line = new byte[0];
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int off, int len) {
                if (at == line.length) {
                    if (next == records) {
                        return -1;
                    }
                    String status = next % 1_000 == 999 ? "Failed" : "Completed";
                    line = (ResultLines.record(next, status, "c-" + next, T0.plusMillis(next * 40L), 0.5,
                            status.equals("Failed") ? "HTTP 503" : null) + "\n").getBytes(StandardCharsets.UTF_8);
                    next++;
                    at = 0;
                }
                int n = Math.min(len, line.length - at);
                System.arraycopy(line, at, into, off, n);
                at += n;
                return n;
            }
        };
    }

    @Test
    void aHundredThousandRecordsAreAllCountedWhileOnlyTheRowsShownAreKept() {
        ResultsSummary summary = ResultsReport.read(generated(100_000), "big.jsonl", 50);

        String html = ResultsReport.render(summary, "big.jsonl", T0);

        assertThat(summary.records()).isEqualTo(100_000);
        assertThat(summary.totals()).containsEntry("Completed", 99_900L).containsEntry("Failed", 100L);
        assertThat(summary.rows()).hasSize(100);
        assertThat(count(html, "<tr data-status=\"Failed\">")).isEqualTo(51);
        assertThat(html).contains("Showing 100 of 100,000 requests: at most 50 rows of each status")
                .contains("<dd id=\"total-records\">100,000</dd>");
        assertThat(count(html, "class=\"rate-bar\"")).isBetween(1, ResultsCharts.MAX_RATE_BARS);
    }

    @Test
    void theOnlyInlineStyleAndScriptAreTheReportsOwn() {
        String html = render("", 10);

        assertThat(html).contains("script-src &#39;sha256-").doesNotContain("unsafe-inline").doesNotContain("style=\"")
                .contains("No requests, no rate.");
        assertThat(html).doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void aMissingFileIsBadInputNamingIt() {
        Path missing = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> ResultsReport.read(missing, 10)).isInstanceOf(IdleInputException.class)
                .hasMessage(missing + ": file not found");
    }
}
