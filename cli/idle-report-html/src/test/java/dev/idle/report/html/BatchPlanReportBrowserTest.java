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
import org.openqa.selenium.WebElement;

/** The dry-run batch report in a real (headless) browser: a row per request, each plan one click away. */
class BatchPlanReportBrowserTest {
    static final String HOSTILE_ERROR = "requests.jsonl:3: invalid request\n- requests.jsonl:3: unknown request key '"
            + PlanFixtures.SCRIPT + "'";

    @TempDir
    Path dir;

    @Test
    void eachRequestsPlanIsOneClickAwayAndNoScriptInAValueRuns() throws Exception {
        List<BatchPlanReport.Entry> entries = List.of(
                new BatchPlanReport.Entry(2, 4, "Planned", "corr-0003", null,
                        PlanFixtures.export(PlanFixtures.request("corr-0003", "asmith", "Anna Smith"))),
                new BatchPlanReport.Entry(0, 1, "Planned", "corr-0001", null, PlanFixtures.export()),
                new BatchPlanReport.Entry(1, 3, "Invalid", null, HOSTILE_ERROR, null));
        Path file = dir.resolve("batch.html");
        Files.writeString(file, BatchPlanReport.render("requests.jsonl", entries, Instant.parse("2026-12-04T23:10:00Z")),
                StandardCharsets.UTF_8);

        try (ChromeBrowser browser = ChromeBrowser.start()) {
            browser.open(file);
            var driver = browser.driver();
            assertThat(driver.getTitle()).isEqualTo("Batch plan: Leaver - reviewed");
            List<WebElement> rows = driver.findElements(By.cssSelector("table.requests tbody tr"));
            assertThat(rows).extracting(r -> r.findElement(By.cssSelector(".status")).getText())
                    .containsExactly("Planned", "Invalid", "Planned");
            assertThat(rows.get(1).findElement(By.cssSelector("pre.error")).getText()).isEqualTo(HOSTILE_ERROR);
            assertThat(rows.get(2).findElement(By.cssSelector(".identity")).getText()).isEqualTo("Id=asmith");

            rows.get(2).findElement(By.cssSelector("a.plan-link")).click();
            assertThat(driver.getCurrentUrl()).endsWith("#request-2");
            WebElement section = driver.findElement(By.id("request-2"));
            assertThat(section.isDisplayed()).isTrue();
            assertThat(section.findElement(By.cssSelector(".correlation-id")).getText()).isEqualTo("corr-0003");
            assertThat(section.findElements(By.cssSelector("table.steps tbody tr.step"))).hasSize(5);
            assertThat((Long) driver.executeScript("return Math.round(document.getElementById('request-2')"
                    + ".getBoundingClientRect().top)")).isBetween(-2L, 2L);

            assertThat(driver.findElements(By.cssSelector("body script, body img"))).isEmpty();
            assertThat(driver.executeScript("return window.owned === undefined")).isEqualTo(true);
            assertThat(driver.getTitle()).isEqualTo("Batch plan: Leaver - reviewed");
            assertThat(PlanReportBrowserTest.noAlert(browser)).isTrue();
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.screenshot("batch-plan-report")).isNotEmptyFile();
        }
    }
}
