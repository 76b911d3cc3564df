package dev.idle.api;

import java.io.Closeable;
import java.io.IOException;
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
 * Writes whole documents (plan exports, results, the mock's state file, CLI outputs) so that readers and a crash see
 * either the old content or the new, never half a file: the bytes go to a temp file in the target's folder (same file
 * system, so the rename is atomic), are forced to disk, and the temp file is renamed over the target. On any failure
 * the temp file is removed and the target is left as it was; temp files a crash left behind are removed by the next
 * write of the same target. The one writer of whole documents in IdLE; {@link LineFile} is the one for streams.
 *
 * <p>Which paths it writes (shared with {@link LineFile}): a new file is created {@code 0600} where the file system
 * has POSIX permissions; a character device or a FIFO (e.g. {@code /dev/stdout}) is written through, never
 * replaced; a symbolic link is followed only when it and its target belong to the user running IdLE; a directory, a
 * block device or another special file is refused with an {@link IdleInputException} naming the path.
 *
 * <p>Thread-safe: concurrent writes of one target each rename a complete file; the last rename wins.
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
     * @throws IdleInputException naming the file when its folder does not exist, IdLE may not write there, or it
     *     cannot be written
     */
    public static void write(Path file, String text) {
        try (Replacement r = open(file)) {
            r.commit(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@code file} as an output and reserves its temp file (or, for a device or FIFO, checks that it can be
     * written), without touching the target: a caller opens its outputs this way before any side effect, and
     * {@link Replacement#commit commits} when the content is ready. The folder must exist.
     *
     * @throws IdleInputException naming the file when its folder does not exist, IdLE may not write there, or the
     *     temp file cannot be created
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static Replacement open(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IdleInputException(file + ": the output directory does not exist");
        }
        try {
            return open(file, ATOMIC_RENAME, false);
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Replaces {@code file} with {@code content}, creating missing folders. */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, content, ATOMIC_RENAME);
    }

    /**
     * Like {@link #replace(Path, byte[])}, renaming with {@code rename}.
     *
     * @throws IdleInputException naming the file when IdLE may not write there
     */
    public static void replace(Path file, byte[] content, Rename rename) throws IOException {
        try (Replacement r = open(file, rename, true)) {
            r.commit(content);
        }
    }

    /**
     * Removes the temp files that writes of {@code file} left behind when their process died before the rename
     * (every write does this too); temp files other writers are still using stay. Best effort, never fails.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static void removeAbandonedTempFiles(Path file) {
        TempFiles.removeAbandoned(file.toAbsolutePath());
    }

    private static Replacement open(Path file, Rename rename, boolean createFolders) throws IOException {
        OutputTarget target = OutputTarget.of(file);
        if (target.kind() == OutputTarget.Kind.WRITE_THROUGH) {
            if (!Files.isWritable(target.path())) {
                throw new IdleInputException(file + ": cannot write: permission denied");
            }
            return new Replacement(target.path(), null, rename);
        }
        if (createFolders) {
            Files.createDirectories(target.path().getParent());
        }
        TempFiles.removeAbandoned(target.path());
        return new Replacement(target.path(), TempFiles.create(target.path()), rename);
    }

    /**
     * One pending replacement of a file, from {@link #open(Path)}: {@link #commit} writes the content and renames the
     * temp file over the target (or writes a device or FIFO through); {@link #close} without a commit removes the
     * temp file and leaves the target as it was. Used by one thread.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static final class Replacement implements Closeable {
        private final Path target;
        private final TempFiles.Temp temp;
        private final Rename rename;

        private Replacement(Path target, TempFiles.Temp temp, Rename rename) {
            this.target = target;
            this.temp = temp;
            this.rename = rename;
        }

        /**
         * Writes {@code content} as the target's whole new content. For a device or a FIFO the write is not atomic:
         * a reader sees the bytes as they come (opening a FIFO waits for its reader).
         *
         * @throws IOException when it cannot be written; a regular target then keeps its old content
         */
        public void commit(byte[] content) throws IOException {
            if (temp == null) {
                writeThrough(target, content);
                return;
            }
            temp.write(content);
            temp.renameTo(target, rename);
        }

        /** Removes the temp file if {@link #commit} did not rename it. Never fails. */
        @Override
        public void close() {
            if (temp != null) {
                temp.close();
            }
        }

        private static void writeThrough(Path device, byte[] content) throws IOException {
            try (FileChannel ch = FileChannel.open(device, StandardOpenOption.WRITE)) {
                OutputTarget.writeAll(ch, content);
            }
        }
    }
}
