package dev.idle.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.Content;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

class PageLayoutBrowserTest {
    @TempDir
    Path dir;

    @Test
    void aScriptInAValueIsShownAsTextAndNeverRuns() throws Exception {
        String hostile = "<script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">";
        Content body = out -> {
            out.writeContent("<p id=\"value\">");
            out.writeUserContent(hostile);
            out.writeContent("</p>");
        };
        Path file = dir.resolve("layout.html");
        Files.writeString(file, Templates.render("layout.jte",
                Map.of("page", Page.of("Layout", null), "content", body)), StandardCharsets.UTF_8);

        try (ChromeBrowser browser = ChromeBrowser.start()) {
            browser.open(file);
            assertThat(browser.driver().getTitle()).isEqualTo("Layout");
            assertThat(browser.driver().findElement(By.id("value")).getText()).isEqualTo(hostile);
            assertThat(browser.driver().findElements(By.cssSelector("#value script, #value img"))).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theOnlyInlineStyleAndScriptAllowedAreTheReportsOwn() {
        Page page = new Page("t", "p{}", "let a=1;");
        assertThat(page.contentSecurityPolicy())
                .startsWith("default-src 'none';")
                .contains("style-src 'sha256-")
                .contains("script-src 'sha256-")
                .doesNotContain("unsafe");
        assertThat(new Page("t", "p{}", "").contentSecurityPolicy()).contains("script-src 'none'");
    }
}
