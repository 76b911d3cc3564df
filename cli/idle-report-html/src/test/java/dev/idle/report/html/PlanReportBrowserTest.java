package dev.idle.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.api.Idle;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.provider.mock.MockProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** The plan report as a reviewer opens it: from disk, in a real (headless) browser, offline. */
class PlanReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void stepRowsPreviewCellsAndRedactionsAreShownAndNoValueScriptRuns() throws Exception {
        JsonNode export = PlanFixtures.export();
        Path file = dir.resolve("plan.html");
        Files.writeString(file, PlanReport.render(export, PlanFixtures.preview(export),
                Instant.parse("2026-12-04T23:10:00Z")), StandardCharsets.UTF_8);

        try (ChromeBrowser browser = ChromeBrowser.start()) {
            browser.open(file);
            var driver = browser.driver();
            assertThat(driver.getTitle()).isEqualTo("Plan: Leaver - reviewed");
            assertThat(driver.findElement(By.cssSelector(".plan-hash")).getText())
                    .isEqualTo(export.path("planHash").asText());
            assertThat(driver.findElement(By.cssSelector(".rendered-at")).getText())
                    .startsWith("2026-12-04T23:10:00Z");

            List<WebElement> rows = driver.findElements(By.cssSelector("table.steps tbody tr.step"));
            assertThat(rows).extracting(r -> r.findElement(By.cssSelector(".name")).getText()).containsExactly(
                    "Disable account", "Revoke sign-in sessions", "Scramble password", PlanFixtures.HOSTILE_STEP,
                    "Tell the agency");
            assertThat(rows).extracting(r -> r.findElement(By.cssSelector(".step-status .status")).getText())
                    .containsExactly("Planned", "Planned", "Planned", "Planned", "Skipped by its condition");
            assertThat(rows.get(4).findElement(By.cssSelector(".seen")).getText())
                    .contains("Request.Intent.EmployeeType", "Employee");
            assertThat(rows).extracting(r -> r.findElement(By.cssSelector(".step-preview")).getText())
                    .containsExactly("Will change\nenabled: true → false", "Will change\nactive sessions: 3 → 0",
                            "Will change\nPassword: [REDACTED] → [REDACTED]\ngroups: −2 (sg-all-staff, sg-vpn)\nmembers",
                            "Not previewed for this step type", "Skipped: not read");

            List<WebElement> secrets = driver.findElements(By.cssSelector(".redacted"));
            assertThat(secrets).extracting(WebElement::getText).containsOnly("[REDACTED]").hasSizeGreaterThanOrEqualTo(2);
            assertThat(driver.getPageSource()).doesNotContain("S3cret-Scrambled", "abc-very-secret");

            // the display name and the step name hold a <script> and an onerror handler: shown as text, never run
            assertThat(driver.findElement(By.cssSelector(".request")).getText())
                    .contains(PlanFixtures.HOSTILE_DISPLAY_NAME);
            assertThat(driver.findElements(By.cssSelector("body script, body img"))).isEmpty();
            assertThat(driver.executeScript("return window.owned === undefined")).isEqualTo(true);
            assertThat(noAlert(browser)).isTrue();
            assertThat(browser.consoleErrors()).isEmpty();
            Path shot = fullPageScreenshot(browser, "plan-report");
            assertThat(shot).isNotEmptyFile();
        }
    }

    @Test
    void thePreviewTheEngineReadsFromAProviderIsShownBesideItsSteps() throws Exception {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.attribute("Department", "Sales").session("s1", "Outlook")
                        .session("s2", "Teams").session("s3", "Web"))
                .build();
        Providers providers = Providers.builder().provider("Identity", mock).build();
        Idle idle = Idle.create();
        Plan plan = idle.plan(idle.parseWorkflow(PlanFixtures.workflow(), "leaver-reviewed.json"),
                PlanFixtures.request("corr-0002", "jdoe", "Jane Doe"), providers, "leaver-reviewed.json");
        JsonNode export = PlanFixtures.JSON.readTree(idle.export(plan));
        JsonNode preview = PlanFixtures.JSON.readTree(idle.preview(plan, providers).toJson());
        Path file = dir.resolve("plan-with-preview.html");
        Files.writeString(file, PlanReport.render(export, preview, Instant.now()), StandardCharsets.UTF_8);

        try (ChromeBrowser browser = ChromeBrowser.start()) {
            browser.open(file);
            List<String> cells = browser.driver().findElements(By.cssSelector("table.steps tbody tr.step"))
                    .stream().map(r -> r.findElement(By.cssSelector(".step-preview")).getText()).toList();

            assertThat(cells).hasSize(5);
            assertThat(cells.get(0)).contains("enabled: true → false");
            assertThat(cells.get(1)).contains("active sessions: 3 → 0");
            assertThat(cells.get(2)).contains("Department: Sales → Leavers").contains("[REDACTED]");
            assertThat(cells.get(3)).isEqualTo("Not previewed for this step type");
            assertThat(cells.get(4)).startsWith("Skipped: not read").contains("condition is not met");
            assertThat(browser.driver().getPageSource()).doesNotContain("S3cret-Scrambled", "abc-very-secret");
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(mock.store().get("jdoe").enabled()).as("a preview only reads").isTrue();
        }
    }

    /** The whole page in one picture (docs/images/plan-review.png is such a screenshot). */
    static Path fullPageScreenshot(ChromeBrowser browser, String name) throws java.io.IOException {
        long height = (Long) browser.driver().executeScript("return document.documentElement.scrollHeight");
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) height + 120));
        return browser.screenshot(name);
    }

    static boolean noAlert(ChromeBrowser browser) {
        try {
            browser.driver().switchTo().alert();
            return false;
        } catch (NoAlertPresentException e) {
            return true;
        }
    }
}
