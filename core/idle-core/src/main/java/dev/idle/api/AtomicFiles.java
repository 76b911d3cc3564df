package dev.idle.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/**
 * Writes files so that readers (and a crash) see either the old content or the new, never half a file: the bytes go
 * to a temp file in the target's folder (same file system, so the rename can be atomic), are forced to disk, and the
 * temp file is then renamed over the target. On any failure the temp file is removed and the target is left as it
 * was. The one place in IdLE that writes temp-file-and-rename: plan exports, CLI outputs, the mock's state file.
 */
@API(status = STABLE, since = "0.1")
public final class AtomicFiles {
    /** The rename step of {@link #replace(Path, byte[], Rename)}; tests substitute one that fails. */
    @API(status = EXPERIMENTAL, since = "0.1")
    @FunctionalInterface
    public interface Rename {
        void move(Path from, Path to) throws IOException;
    }

    /** An atomic rename that replaces an existing target. */
    public static final Rename ATOMIC_RENAME = (from, to) ->
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    private AtomicFiles() {
    }

    /**
     * Writes {@code text} (UTF-8) as an output the user asked for; its folder must exist.
     *
     * @throws IdleInputException naming the file when its folder does not exist or it cannot be written
     */
    public static void write(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IdleInputException(file + ": the output directory does not exist");
        }
        try {
            replace(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Replaces {@code file} with {@code content}, creating missing folders. */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, content, ATOMIC_RENAME);
    }

    /** Like {@link #replace(Path, byte[])}, renaming with {@code rename}. */
    public static void replace(Path file, byte[] content, Rename rename) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean renamed = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            rename.move(temp, target);
            renamed = true;
        } finally {
            if (!renamed) {
                deleteAfterFailure(temp);
            }
        }
    }

    private static void deleteAfterFailure(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write already failed; that error is the one worth reporting.
        }
    }
}
