package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of {@code examples/distributed/} (workflow, host, requests) are valid and do what its README says: run
 * through {@code idle batch}, every leaver completes and both of its steps change something (disabled, sessions
 * revoked). The script's distributed commands are the runner's and CLI's to test.
 */
class DistributedExampleFilesTest {
    private static final Path EXAMPLE = Path.of("..", "..", "examples", "distributed");

    @Test
    void theExampleLeaversCompleteWithItsWorkflowAndHost(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.jsonl");
        StringWriter err = new StringWriter();

        int exit = IdleCli.execute(new String[] {"batch", "--workflow", EXAMPLE.resolve("leaver.psd1").toString(),
                "--host", EXAMPLE.resolve("host.yaml").toString(), "--requests",
                EXAMPLE.resolve("leavers.jsonl").toString(), "--results", results.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(exit).as("stderr: %s", err).isZero();
        List<String> records = Files.readAllLines(results);
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r).contains("\"status\":\"Completed\"")
                .contains("\"correlationId\":\"example-leaver-"));
        assertThat(String.join("\n", records)).doesNotContain("\"changed\":false");
    }
}
