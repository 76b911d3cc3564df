package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.BatchRecord;
import dev.idle.api.BatchSummary;
import dev.idle.examples.BlastRadiusExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The blast-radius example of docs/library.md is real code: it compiles, runs, and the page shows exactly it. */
class BatchBlastRadiusExampleTest {
    private static final Path DOCS = Path.of("..", "..", "docs");

    @Test
    void aLimitThatCoversTheFileRunsEveryRequestAndASmallerOneRunsNone() {
        BatchSummary summary = BlastRadiusExample.run(DOCS.resolve("examples/leaver.psd1"),
                DOCS.resolve("examples/leavers.jsonl"), "100%");
        assertThat(summary.count(BatchRecord.Status.Completed)).isEqualTo(3);

        assertThatThrownBy(() -> BlastRadiusExample.run(DOCS.resolve("examples/leaver.psd1"),
                DOCS.resolve("examples/leavers.jsonl"), "50%"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("3 of 3 requests would change something, more than 50%");
    }

    @Test
    void libraryPageShowsTheExampleCodeAsCompiled() throws IOException {
        String source = Files.readString(DOCS.resolve("examples/java/dev/idle/examples/BlastRadiusExample.java"));
        String code = source.substring(source.indexOf("// doc:begin\n") + "// doc:begin\n".length(),
                source.indexOf("\n            // doc:end"));

        assertThat(Files.readString(DOCS.resolve("library.md"))).contains("```java\n" + code.stripIndent() + "\n```");
    }
}
