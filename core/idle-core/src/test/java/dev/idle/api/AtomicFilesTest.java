package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private long tempFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void writeReplacesTheFileAndLeavesNoTempFile() throws IOException {
        Path file = Files.writeString(dir.resolve("plan.json"), "old");
        AtomicFiles.write(file, "new ü");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("new ü");
        assertThat(tempFiles(dir)).isZero();
    }

    @Test
    void writeRefusesAMissingOutputFolderInsteadOfCreatingIt() {
        Path file = dir.resolve("no-such-folder/plan.json");
        assertThatThrownBy(() -> AtomicFiles.write(file, "x")).isInstanceOf(IdleInputException.class)
                .hasMessage(file + ": the output directory does not exist");
        assertThat(dir.resolve("no-such-folder")).doesNotExist();
    }

    @Test
    void replaceCreatesMissingFolders() throws IOException {
        Path file = dir.resolve("state/sub/state.json");
        AtomicFiles.replace(file, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("{}");
        assertThat(tempFiles(file.getParent())).isZero();
    }

    @Test
    void aFailedRenameLeavesTheOldContentAndNoTempFile() throws IOException {
        Path file = Files.writeString(dir.resolve("state.json"), "old content");
        assertThatThrownBy(() -> AtomicFiles.replace(file, "new".getBytes(StandardCharsets.UTF_8), (from, to) -> {
            throw new IOException("simulated rename failure");
        })).isInstanceOf(IOException.class).hasMessage("simulated rename failure");
        assertThat(file).hasContent("old content");
        assertThat(tempFiles(dir)).isZero();
    }

    @Test
    void writeReportsAFailedWriteNamingTheFile() throws IOException {
        Path folderInTheWay = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(folderInTheWay.resolve("child"), "keeps the folder non-empty");
        assertThatThrownBy(() -> AtomicFiles.write(folderInTheWay, "x")).isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith(folderInTheWay + ": cannot write: ");
        assertThat(tempFiles(dir)).isZero();
    }

    @Test
    void tempFilesACrashLeftBehindAreRemovedByTheNextWriteOfTheSameTarget() throws IOException {
        Path file = Files.writeString(dir.resolve("state.json"), "old");
        Path abandoned = Files.writeString(dir.resolve(".state.json.idle-0123456789abcdef.tmp"), "half");
        Path fromAnOlderVersion = Files.writeString(dir.resolve(".state.json.8123456789.tmp"), "half");
        Path ofAnotherTarget = Files.writeString(dir.resolve(".other.json.idle-0123456789abcdef.tmp"), "half");

        AtomicFiles.write(file, "new");

        assertThat(abandoned).doesNotExist();
        assertThat(fromAnOlderVersion).doesNotExist();
        assertThat(ofAnotherTarget).exists();
        assertThat(file).hasContent("new");
    }

    @Test
    void theTempFileOfAWriteInProgressIsNotTakenForALeftover() throws IOException {
        Path file = dir.resolve("state.json");
        try (AtomicFiles.Replacement slow = AtomicFiles.open(file)) {
            AtomicFiles.write(file, "fast");
            assertThat(tempFiles(dir)).as("the slow writer's temp file").isEqualTo(1);

            slow.commit("slow".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(file).hasContent("slow");
        assertThat(tempFiles(dir)).isZero();
    }

    @Test
    void anOpenedReplacementLeavesTheTargetAsItWasUntilCommitted() throws IOException {
        Path file = Files.writeString(dir.resolve("result.json"), "old");
        try (AtomicFiles.Replacement unused = AtomicFiles.open(file)) {
            assertThat(file).hasContent("old");
        }
        assertThat(file).hasContent("old");
        assertThat(tempFiles(dir)).isZero();
    }

    @Test
    void abandonedTempFilesCanBeRemovedWithoutAWrite() throws IOException {
        Path file = dir.resolve("state.json");
        Path abandoned = Files.writeString(dir.resolve(".state.json.idle-00000000000000ff.tmp"), "half");

        AtomicFiles.removeAbandonedTempFiles(file);

        assertThat(abandoned).doesNotExist();
        assertThat(file).doesNotExist();
    }
}
