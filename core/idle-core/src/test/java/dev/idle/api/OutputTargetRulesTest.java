package dev.idle.api;

import static dev.idle.api.SpecialFiles.CHARACTER_DEVICE;
import static dev.idle.api.SpecialFiles.FIFO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path rules {@link AtomicFiles} and {@link LineFile} share: devices and FIFOs are written through, block devices
 * and other special files refused, symbolic links followed only when the user owns link and target, new files 0600.
 * Devices are made with mknod inside the temp folder (root only, as in CI); no test writes to a system path.
 */
class OutputTargetRulesTest {
    @TempDir
    Path dir;

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private static CompletableFuture<String> readAll(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aResultOnACharacterDeviceIsWrittenThroughNotReplacedByAFile() throws IOException {
        Path devNull = SpecialFiles.mknod(dir, "null", "c", 1, 3);

        AtomicFiles.write(devNull, "{\"status\":\"Completed\"}\n");
        AtomicFiles.replace(devNull, "state".getBytes(StandardCharsets.UTF_8));

        assertThat(SpecialFiles.fileType(devNull)).isEqualTo(CHARACTER_DEVICE);
        assertThat(filesIn(dir)).as("no temp file, no replacement").isEqualTo(1);
    }

    @Test
    void aStreamOnACharacterDeviceIsWrittenThrough() throws IOException {
        Path devNull = SpecialFiles.mknod(dir, "null", "c", 1, 3);

        try (LineFile lines = LineFile.create(devNull)) {
            lines.writeLine("{}");
        }

        assertThat(SpecialFiles.fileType(devNull)).isEqualTo(CHARACTER_DEVICE);
    }

    @Test
    void aFifoIsWrittenThroughToItsReaderByBothWriters() throws Exception {
        Path fifo = SpecialFiles.mkfifo(dir, "pipe");

        CompletableFuture<String> document = readAll(fifo);
        AtomicFiles.write(fifo, "whole document\n");
        assertThat(document.get()).isEqualTo("whole document\n");

        CompletableFuture<String> stream = readAll(fifo);
        try (LineFile lines = LineFile.create(fifo)) {
            lines.writeLine("one");
            lines.writeLine("two");
        }
        assertThat(stream.get()).isEqualTo("one\ntwo\n");
        assertThat(SpecialFiles.fileType(fifo)).isEqualTo(FIFO);
    }

    @Test
    void aBlockDeviceIsRefusedByBothWritersNamingThePath() throws IOException {
        Path loop = SpecialFiles.mknod(dir, "loop", "b", 7, 0);

        assertThatThrownBy(() -> AtomicFiles.write(loop, "x")).isInstanceOf(IdleInputException.class)
                .hasMessage(loop + ": cannot write: it is a block device; IdLE writes regular files, character devices"
                        + " and FIFOs only");
        assertThatThrownBy(() -> AtomicFiles.replace(loop, new byte[1])).isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith(loop + ": cannot write: it is a block device");
        assertThatThrownBy(() -> LineFile.append(loop)).isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith(loop + ": cannot write: it is a block device");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void aSymlinkTheUserOwnsIsFollowedAndStaysALink() throws IOException {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("result.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("result.json"), real);

        AtomicFiles.write(link, "new");
        try (LineFile lines = LineFile.append(link)) {
            lines.writeLine("appended");
        }

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new" + "appended\n");
    }

    @Test
    void aSymlinkToAFileOfAnotherUserIsRefused() throws IOException {
        Path theirs = Files.writeString(dir.resolve("theirs.json"), "not yours");
        SpecialFiles.giveToAnotherUser(theirs, false);
        Path link = Files.createSymbolicLink(dir.resolve("result.json"), theirs);

        assertThatThrownBy(() -> AtomicFiles.write(link, "x")).isInstanceOf(IdleInputException.class)
                .hasMessage(link + ": cannot write: it is a symbolic link to " + theirs
                        + ", which belongs to another user");
        assertThatThrownBy(() -> LineFile.create(link)).isInstanceOf(IdleInputException.class)
                .hasMessageContaining("which belongs to another user");
        assertThat(theirs).hasContent("not yours");
    }

    @Test
    void aSymlinkOwnedByAnotherUserIsRefusedEvenToTheUsersOwnFile() throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.json"), "mine");
        Path link = Files.createSymbolicLink(dir.resolve("result.json"), mine);
        SpecialFiles.giveToAnotherUser(link, true);

        assertThatThrownBy(() -> AtomicFiles.write(link, "x")).isInstanceOf(IdleInputException.class)
                .hasMessage(link + ": cannot write: it is a symbolic link (" + link + ") that belongs to another user");
        assertThatThrownBy(() -> LineFile.append(link)).isInstanceOf(IdleInputException.class)
                .hasMessageContaining("that belongs to another user");
        assertThat(mine).hasContent("mine");
    }

    @Test
    void filesBothWritersCreateAreOwnerOnly() throws IOException {
        Path document = dir.resolve("result.json");
        Path stream = dir.resolve("events.jsonl");

        AtomicFiles.write(document, "{}");
        try (LineFile lines = LineFile.create(stream)) {
            lines.writeLine("{}");
        }

        assertThat(mode(document)).isEqualTo("rw-------");
        assertThat(mode(stream)).isEqualTo("rw-------");
    }
}
