package dev.idle.provider.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BatchThroughputBench} in a smoke mode (a few identities, one round), so the build keeps it working: it prints
 * its table with every row, every identity's sessions revoked by both contenders. Nothing is timed. The Keycloak row
 * uses this run's shared server ({@link RealKeycloak}); without one it is printed as skipped, unless Keycloak is
 * required (CI).
 */
class BatchThroughputBenchSmokeTest {
    private static RealKeycloak.Fixture keycloak;

    @RegisterExtension
    static final BeforeAllCallback SHARED_KEYCLOAK = context -> keycloak = RealKeycloak.shared(context);

    @Test
    void theBenchPrintsOneTableWithEveryRowAndNoFailure(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean withKeycloak = keycloak.server != null;

        List<String> table = BatchThroughputBench.run(12, 4, 1, BatchThroughputBench.ROWS,
                keycloak.server, keycloak.reason, dir, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(table).hasSize(2 + 4);
        assertThat(table.get(2)).startsWith("| Graph simulator, --throttle 20/1s");
        assertThat(table.get(3)).startsWith("| Graph simulator, no limit (host");
        assertThat(table.get(4)).startsWith("| Graph simulator, no limit, answers after 20 ms");
        assertThat(table.subList(2, 5)).allSatisfy(row -> assertThat(row).contains("| 0 / 0 |"));
        if (withKeycloak) {
            assertThat(table.get(5)).startsWith("| Keycloak (real server)").contains("| 0 / 0 |");
        } else {
            assertThat(RealKeycloak.required()).as("Keycloak is required here: " + keycloak.reason).isFalse();
            assertThat(table.get(5)).startsWith("| Keycloak: skipped (");
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(String.join("\n", table));
    }
}
