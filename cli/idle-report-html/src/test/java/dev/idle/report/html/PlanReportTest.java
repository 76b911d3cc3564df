package dev.idle.report.html;

import static dev.idle.report.html.PlanFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlanReportTest {
    static final Instant AT = Instant.parse("2026-12-04T23:10:05.123Z");

    @Test
    void headerNamesThePlanItsHashAndWhenTheReportWasRendered() throws Exception {
        JsonNode export = PlanFixtures.export();
        String html = PlanReport.render(export, null, AT);
        assertThat(html).contains("Leaver - reviewed", "corr-0001", "helpdesk@example.com",
                export.path("planHash").asText(), "Report rendered at", "2026-12-04T23:10:05Z",
                "a plan carries no creation time");
    }

    @Test
    void aSkippedStepShowsItsConditionAndTheValueItSaw() throws Exception {
        String html = PlanReport.render(PlanFixtures.export(), null, AT);
        assertThat(html).contains("Skipped by its condition",
                "Request.Intent.EmployeeType equals \"Contractor\"",
                "<dt>Request.Intent.EmployeeType</dt><dd class=\"value\">Employee</dd>");
    }

    @Test
    void secretsAppearOnlyAsTheExportRedactedThem() throws Exception {
        String html = PlanReport.render(PlanFixtures.export(), PlanFixtures.preview(PlanFixtures.export()), AT);
        assertThat(html).doesNotContain("S3cret-Scrambled", "abc-very-secret")
                .contains("<dt>Attributes.Password</dt><dd class=\"value redacted\">[REDACTED]</dd>")
                .contains("<dt>apiToken</dt><dd class=\"value redacted\">[REDACTED]</dd>");
    }

    @Test
    void stepRowsNameProviderCapabilitiesRetryProfileAndPrecondition() throws Exception {
        String html = PlanReport.render(PlanFixtures.export(), null, AT);
        assertThat(html).contains("<code class=\"alias\">Identity</code>", "IdLE.Identity.Disable",
                "<code>Patient</code>", "Request.Intent.Reason exists", "if false: Continue",
                "Tell the helpdesk");
    }

    @Test
    void valuesAreEscapedWhereverTheyStand() throws Exception {
        String html = PlanReport.render(PlanFixtures.export(), PlanFixtures.preview(PlanFixtures.export()), AT);
        assertThat(html).doesNotContain("<script>window", "<img src=x")
                .contains("&lt;script&gt;window.owned=1;document.title='owned'&lt;/script&gt;Note for HR");
    }

    @Test
    void thePreviewIsShownBesideEachStepOfItsPlan() throws Exception {
        JsonNode export = PlanFixtures.export();
        String html = PlanReport.render(export, PlanFixtures.preview(export), AT);
        assertThat(html).contains("What will change", "enabled: true → false", "active sessions: 3 → 0",
                "groups: −2 (sg-all-staff, sg-vpn)", "Not previewed for this step type", "Skipped: not read",
                "Current state read at", "2026-12-04T22:00:00Z");
    }

    @Test
    void aPreviewOfAnotherPlanIsNamedAndNotShown() throws Exception {
        JsonNode export = PlanFixtures.export();
        ObjectNode preview = PlanFixtures.preview(export);
        preview.put("planHash", "0".repeat(64));
        String html = PlanReport.render(export, preview, AT);
        assertThat(html).contains("The preview was made for another plan (planHash " + "0".repeat(64))
                .doesNotContain("What will change", "enabled: true → false");
    }

    @Test
    void aStepThePreviewDoesNotListSaysSo() throws Exception {
        JsonNode export = PlanFixtures.export();
        ObjectNode preview = PlanFixtures.preview(export);
        ((com.fasterxml.jackson.databind.node.ArrayNode) preview.path("steps")).remove(0);
        String html = PlanReport.render(export, preview, AT);
        assertThat(html).contains("Not in the preview");
    }

    @Test
    void aNonExecutablePlanSaysWhyAtTheTop() throws Exception {
        ObjectNode export = (ObjectNode) PlanFixtures.export();
        export.put("executable", false);
        export.put("notExecutableReason", "request input 'intent' was truncated (70038 bytes)");
        assertThat(PlanReport.render(export, null, AT))
                .contains("Not executable: request input 'intent' was truncated (70038 bytes)");
    }

    @Test
    void aDocumentThatIsNotAPlanExportIsRefused() throws Exception {
        assertThatThrownBy(() -> PlanReport.render(JSON.readTree("{\"steps\":[]}"), null, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plan export");
    }

    @Test
    void aValueInAnAttributeCannotCloseIt() throws Exception {
        ObjectNode export = (ObjectNode) PlanFixtures.export();
        ObjectNode step = (ObjectNode) export.path("plan").path("steps").get(0);
        step.put("status", "x\" onmouseover=\"window.owned=1");
        step.put("id", "s\"><script>window.owned=1</script>");
        String html = PlanReport.render(export, null, AT);
        assertThat(html).doesNotContain("status-x\" onmouseover", "<script>window")
                .contains("class=\"status status-x&#34; onmouseover=&#34;window.owned=1\"");
    }

    @Test
    void theReportAllowsNoScriptAtAll() throws Exception {
        assertThat(PlanReport.render(PlanFixtures.export(), null, AT)).contains("script-src &#39;none&#39;")
                .doesNotContain("<script");
    }
}
