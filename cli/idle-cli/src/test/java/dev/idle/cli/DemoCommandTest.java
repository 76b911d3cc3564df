package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    private static List<String> revokeLines(String out) {
        return out.lines().filter(l -> l.contains("Revoke sign-in sessions")).toList();
    }

    @Test
    void demoLeaverRevokesSessionsThenTheRepeatChangesNothing() {
        CliRun run = CliRun.of("demo");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Demo Joiner (Joiner) -> Completed").contains("Demo Mover (Mover) -> Completed")
                .contains("Demo Leaver (Leaver) -> Completed");
        assertThat(revokeLines(run.out())).hasSize(2);
        assertThat(revokeLines(run.out()).get(0)).contains("changed: true");
        assertThat(revokeLines(run.out()).get(1)).contains("changed: false");
        List<String> disable = run.out().lines().filter(l -> l.contains("Disable account")).toList();
        assertThat(disable.get(0)).contains("changed: true");
        assertThat(disable.get(1)).contains("changed: false");
    }

    @Test
    void demoWithStateKeepsTheMockStateInAFile(@TempDir Path dir) {
        CliRun run = CliRun.of("demo", "--state", dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.exists(dir.resolve("mock-state.json"))).isTrue();
    }
}
