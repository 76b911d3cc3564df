package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LineFile}: each line reaches the file when written; opening alone changes nothing a reader sees. */
class LineFileTest {
    @TempDir
    Path dir;

    @Test
    void eachLineIsInTheFileAsSoonAsItIsWritten() throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (LineFile lines = LineFile.create(file)) {
            lines.writeLine("{\"n\":1}");
            assertThat(file).hasContent("{\"n\":1}\n");
            lines.writeLine("{\"n\":2}");
            assertThat(file).hasContent("{\"n\":1}\n{\"n\":2}\n");
            assertThat(lines.linesWritten()).isEqualTo(2);
        }
    }

    @Test
    void createEmptiesAnExistingFileWhenTheFirstLineIsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("events.jsonl"), "an older run\n");
        try (LineFile lines = LineFile.create(file)) {
            assertThat(file).hasContent("an older run\n");
            lines.writeLine("this run");
        }
        assertThat(file).hasContent("this run\n");
    }

    @Test
    void aStreamThatWroteNoLineLeavesThePathAsItWas() throws IOException {
        Path fresh = dir.resolve("fresh.jsonl");
        Path older = Files.writeString(dir.resolve("older.jsonl"), "kept\n");

        LineFile.create(fresh).close();
        LineFile.create(older).close();

        assertThat(fresh).doesNotExist();
        assertThat(older).hasContent("kept\n");
    }

    @Test
    void appendKeepsTheLinesAlreadyThere() throws IOException {
        Path file = Files.writeString(dir.resolve("journal.jsonl"), "first\n");
        try (LineFile lines = LineFile.append(file)) {
            lines.writeLine("second");
        }
        assertThat(file).hasContent("first\nsecond\n");
    }

    @Test
    void aMissingFolderIsRefusedNamingThePath() {
        Path file = dir.resolve("no-such-folder/events.jsonl");
        assertThatThrownBy(() -> LineFile.create(file)).isInstanceOf(IdleInputException.class)
                .hasMessage(file + ": the output directory does not exist");
    }

    @Test
    void aDirectoryIsRefusedNamingThePath() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("events"));
        assertThatThrownBy(() -> LineFile.create(folder)).isInstanceOf(IdleInputException.class)
                .hasMessage(folder + ": cannot write: it is a directory");
    }
}
