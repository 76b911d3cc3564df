package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DistributedThroughputBench} in a smoke mode (a few leavers; the second worker in a child JVM), so the build
 * keeps it working: it prints its table with every row, and every leaver of every row is done with no 429. Nothing
 * is timed.
 */
class DistributedThroughputBenchSmokeTest {

    @Test
    void theBenchPrintsOneTableWithEveryRowAndEveryLeaverDone(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<String> table = DistributedThroughputBench.run(
                new DistributedThroughputBench.Options(12, 2, 4, 12, true), RealPostgres.settings(), dir,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(table).hasSize(2 + 4 + 1);
        assertThat(table.get(2)).startsWith("| mock, no limit: 1 DbosRunner worker in one JVM");
        assertThat(table.get(3)).startsWith("| mock, no limit: 2 DbosRunner workers in one JVM");
        assertThat(table.get(4)).startsWith("| Graph --throttle 20/1s: idle batch");
        assertThat(table.get(5)).startsWith("| Graph --throttle 20/1s: 2 DbosRunner workers (1 + 1 child JVM)");
        assertThat(table.subList(2, 6)).allSatisfy(row -> assertThat(row).endsWith("| 0 |"));
        assertThat(table.subList(4, 6)).allSatisfy(row -> assertThat(row).contains("| 0 | 0 |"));
        assertThat(table.get(6)).startsWith("| distributed ÷ idle batch");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(String.join("\n", table));
    }
}
