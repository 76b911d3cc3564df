package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.BatchRecord;
import dev.idle.api.BatchSummary;
import dev.idle.examples.BatchLibraryExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The batch example of docs/library.md is real code: it compiles, runs, and the page shows exactly it. */
class BatchLibraryExampleTest {
    private static final Path DOCS = Path.of("..", "..", "docs");

    @Test
    void documentedBatchExampleCompletesEveryRequest() {
        BatchSummary summary = BatchLibraryExample.run(DOCS.resolve("examples/leaver.psd1"),
                DOCS.resolve("examples/leavers.jsonl"));

        assertThat(summary.count(BatchRecord.Status.Completed)).isEqualTo(3);
        assertThat(summary.total()).isEqualTo(3);
    }

    @Test
    void libraryPageShowsTheExampleCodeAsCompiled() throws IOException {
        String source = Files.readString(DOCS.resolve("examples/java/dev/idle/examples/BatchLibraryExample.java"));
        String code = source.substring(source.indexOf("// doc:begin\n") + "// doc:begin\n".length(),
                source.indexOf("\n        // doc:end"));
        String page = Files.readString(DOCS.resolve("library.md"));

        // the page shows the code without the method's indentation
        assertThat(page).contains("```java\n" + code.stripIndent() + "\n```");
    }

    @Test
    void theQuickStartBatchRunsAgainstTheExampleHost() {
        CliRun run = CliRun.of("batch", "--workflow", DOCS.resolve("examples/leaver.psd1").toString(), "--host",
                DOCS.resolve("examples/host-batch.yaml").toString(), "--requests",
                DOCS.resolve("examples/leavers.csv").toString(), "--concurrency", "2");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.err()).contains("3 Completed");
    }
}
