package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code idle report <results> --html <file>}: from the results of a real {@code idle batch}, and its refusals. */
class ReportCommandTest {
    @TempDir
    Path dir;

    /** The results of {@code idle batch} over two leavers of the mock and one line that is not a request. */
    private Path batchResults() throws IOException {
        BatchCliFixture files = new BatchCliFixture(dir);
        files.identities("u0", "u1");
        Path requests = files.write("leavers.jsonl", """
                {"lifecycleEvent":"Leaver","correlationId":"c-0","identityKeys":{"Id":"u0"}}
                {"lifecycleEvent":"Leaver","correlationId":"<script>alert(1)</script>"}
                {"lifecycleEvent":"Leaver","correlationId":"c-2","identityKeys":{"Id":"u1"}}
                """);
        Path results = dir.resolve("results.jsonl");
        CliRun batch = CliRun.of("batch", "--workflow", files.workflow.toString(), "--host", files.host.toString(),
                "--requests", requests.toString(), "--results", results.toString());
        assertThat(batch.exit()).as(batch.err()).isEqualTo(IdleCli.RUN_FAILED);
        return results;
    }

    @Test
    void theResultsOfABatchBecomeOneHtmlPageAndTheCommandExitsZero() throws IOException {
        Path results = batchResults();
        Path html = dir.resolve("report.html");

        CliRun run = CliRun.of("report", results.toString(), "--html", html.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("idle report: " + html + ": 3 requests: 2 Completed, 1 Invalid\n");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("c-0", "c-2", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void rowsBeyondTheLimitPerStatusAreLeftOutAndSaidSo() throws IOException {
        Path results = batchResults();
        Path html = dir.resolve("report.html");

        CliRun run = CliRun.of("report", results.toString(), "--html", html.toString(), "--rows-per-status", "1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).endsWith("; rows of 2 shown (--rows-per-status 1)\n");
        assertThat(Files.readString(html)).contains("Showing 2 of 3 requests");
    }

    @Test
    void aTornLineIsBadInputNamingFileAndLineAndWritesNoPage() throws IOException {
        Path results = batchResults();
        Files.writeString(results, Files.readString(results) + "{\"index\":3,\"stat");
        Path html = dir.resolve("report.html");

        CliRun run = CliRun.of("report", results.toString(), "--html", html.toString());

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).startsWith("idle: " + results + ":4: not a complete JSON record (a torn line?)");
        assertThat(html).doesNotExist();
    }

    @Test
    void aMissingResultsFileOrAnOutputInAMissingFolderIsBadInput() {
        CliRun missing = CliRun.of("report", dir.resolve("none.jsonl").toString(), "--html",
                dir.resolve("r.html").toString());
        assertThat(missing.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(missing.err()).isEqualTo("idle: " + dir.resolve("none.jsonl") + ": file not found\n");

        CliRun noFolder = CliRun.of("report", dir.resolve("none.jsonl").toString(), "--html",
                dir.resolve("no/such/r.html").toString());
        assertThat(noFolder.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(noFolder.err()).contains("the output directory does not exist");
    }

    @Test
    void theReportMustNotReplaceItsResultsFile() throws IOException {
        Path results = batchResults();
        String before = Files.readString(results);

        CliRun run = CliRun.of("report", results.toString(), "--html", results.toString());

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains("--html must not be the results file");
        assertThat(Files.readString(results)).isEqualTo(before);
    }

    @Test
    void withoutHtmlItIsAUsageError() {
        assertThat(CliRun.of("report", "results.jsonl").exit()).isEqualTo(IdleCli.USAGE);
    }

    @Test
    void aDashReadsTheRecordsFromStandardInputAsIdleResultsPrintsThem() throws IOException {
        String records = Files.readString(batchResults());
        Path html = dir.resolve("report.html");
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ReportCommand.class) {
                    return type.cast(new ReportCommand(
                            () -> new ByteArrayInputStream(records.getBytes(StandardCharsets.UTF_8))));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        StringWriter err = new StringWriter();

        int exit = IdleCli.execute(new String[] {"report", "-", "--html", html.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), List.of(), factory);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(html)).contains("standard input", "c-2");
    }
}
