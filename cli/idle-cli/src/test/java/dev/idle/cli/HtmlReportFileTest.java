package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportFileTest {
    @TempDir
    Path dir;

    @Test
    void aReportThatCannotBeWrittenSaysWhyAndLeavesNoTempFile() throws Exception {
        Path html = dir.resolve("plan.html");
        try (HtmlReportFile report = HtmlReportFile.open(html)) {
            Files.createDirectories(html.resolve("in-the-way")); // the rename over a non-empty folder fails
            assertThat(report.write("<!DOCTYPE html>")).startsWith(html + ": cannot write the HTML report: ");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(html);
        }
    }

    @Test
    void aWrittenReportReplacesTheFileWhole() throws Exception {
        Path html = dir.resolve("plan.html");
        Files.writeString(html, "old");
        try (HtmlReportFile report = HtmlReportFile.open(html)) {
            assertThat(report.write("<!DOCTYPE html><p>new</p>")).isNull();
        }
        assertThat(Files.readString(html)).isEqualTo("<!DOCTYPE html><p>new</p>");
    }
}
