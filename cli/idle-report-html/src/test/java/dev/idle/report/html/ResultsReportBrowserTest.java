package dev.idle.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The results report opened in headless Chromium: filter and search by hand, hostile values stay text. */
class ResultsReportBrowserTest {
    private static final Instant T0 = Instant.parse("2026-12-04T22:00:00Z");
    /** Would set the title and a window flag if it ever ran. */
    private static final String HOSTILE_ID = "<script>document.title='owned';window.owned=1</script>";
    private static final String HOSTILE_ERROR = "<img src=x onerror=\"window.owned=2\"><script>window.owned=3</script>";

    @TempDir
    Path dir;

    private Path report() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            Instant start = T0.plusSeconds(i * 7L);
            lines.append(switch (i) {
                case 3 -> ResultLines.record(i, "Failed", "leaver-graph-down", start, 3, "HTTP 503 from Graph");
                case 6 -> ResultLines.notRun(i, "Invalid", HOSTILE_ID, start, HOSTILE_ERROR);
                case 10 -> ResultLines.notRun(i, "Blocked", "leaver-blocked", start,
                        "precondition: account is protected");
                default -> ResultLines.record(i, "Completed", "leaver-" + i, start, 1.2 + i % 5, null);
            }).append('\n');
        }
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, lines, StandardCharsets.UTF_8);
        Path html = dir.resolve("results.html");
        Files.writeString(html, ResultsReport.render(ResultsReport.read(results, 1_000), "results.jsonl",
                T0.plusSeconds(3_600)), StandardCharsets.UTF_8);
        return html;
    }

    private static List<WebElement> visibleRows(ChromeBrowser browser) {
        return browser.driver().findElements(By.cssSelector("#rows tbody tr")).stream()
                .filter(WebElement::isDisplayed).toList();
    }

    @Test
    void filterAndSearchNarrowTheRowsAndHostileValuesNeverRun() throws Exception {
        Path html = report();
        try (ChromeBrowser browser = ChromeBrowser.start()) {
            browser.open(html);

            assertThat(browser.driver().getTitle()).isEqualTo("Results: results.jsonl");
            assertThat(browser.driver().executeScript("return window.owned === undefined")).isEqualTo(true);
            assertThat(browser.driver().findElements(By.cssSelector("#rows script, #rows img"))).isEmpty();
            assertThat(browser.driver().findElement(By.xpath("//td[contains(., 'document.title')]")).getText())
                    .isEqualTo(HOSTILE_ID);
            assertThat(browser.driver().findElement(By.cssSelector("tr[data-status=Invalid] pre.error")).getText())
                    .isEqualTo(HOSTILE_ERROR);
            assertThat(browser.driver().findElements(By.cssSelector("#outcomes-chart rect"))).hasSize(4);
            assertThat(browser.driver().findElements(By.cssSelector("#rate-chart rect"))).isNotEmpty();
            assertThat(visibleRows(browser)).hasSize(40);
            assertThat(browser.driver().findElement(By.id("shown")).getText()).isEqualTo("40 of 40 rows shown");
            // tall enough to show the rows under the charts, the hostile one among them
            browser.driver().manage().window().setSize(new Dimension(1400, 2000));
            browser.screenshot("results-report");

            new Select(browser.driver().findElement(By.id("status-filter"))).selectByValue("Failed");
            assertThat(visibleRows(browser)).singleElement()
                    .satisfies(r -> assertThat(r.getText()).contains("leaver-graph-down", "HTTP 503 from Graph"));

            new Select(browser.driver().findElement(By.id("status-filter"))).selectByValue("");
            browser.driver().findElement(By.id("search")).sendKeys("PROTECTED");
            assertThat(visibleRows(browser)).singleElement()
                    .satisfies(r -> assertThat(r.getText()).contains("leaver-blocked"));

            browser.driver().findElement(By.id("search")).sendKeys(" nothing like this");
            assertThat(visibleRows(browser)).isEmpty();
            assertThat(browser.driver().findElement(By.id("no-match")).isDisplayed()).isTrue();

            browser.driver().findElement(By.id("search")).clear();
            browser.driver().findElement(By.cssSelector("#totals tr[data-status=Invalid]")).click();
            assertThat(visibleRows(browser)).singleElement()
                    .satisfies(r -> assertThat(r.getAttribute("data-status")).isEqualTo("Invalid"));

            assertThat(browser.driver().getTitle()).isEqualTo("Results: results.jsonl");
            assertThat(browser.driver().executeScript("return window.owned === undefined")).isEqualTo(true);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
