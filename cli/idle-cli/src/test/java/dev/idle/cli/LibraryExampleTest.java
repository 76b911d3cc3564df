package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionResult;
import dev.idle.api.RunStatus;
import dev.idle.examples.LibraryExample;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LibraryExampleTest {
    @Test
    void documentedLibraryExampleRunsTheLeaverToCompletion() {
        ExecutionResult result = LibraryExample.run(Path.of("..", "..", "docs", "examples", "leaver.psd1"));

        assertThat(result.status()).isEqualTo(RunStatus.Completed);
        assertThat(result.steps()).filteredOn(s -> s.type().equals("IdLE.Step.RevokeIdentitySessions"))
                .singleElement().satisfies(s -> assertThat(s.changed()).isTrue());
    }
}
