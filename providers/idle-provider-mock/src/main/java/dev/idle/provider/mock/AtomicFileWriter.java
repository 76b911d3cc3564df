package dev.idle.provider.mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers (and a crash) see either the old content or the new, never a half-written file:
 * the bytes go to a temp file in the same directory (same file system, so the rename can be atomic), are forced to
 * disk, and the temp file is then renamed over the target. On any failure the temp file is removed and the target
 * is left as it was.
 */
final class AtomicFileWriter {

    /** The rename step, replaceable so tests can make it fail. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    private static final Mover ATOMIC_RENAME = (from, to) ->
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    private final Mover mover;

    AtomicFileWriter() {
        this(ATOMIC_RENAME);
    }

    AtomicFileWriter(Mover mover) {
        this.mover = mover;
    }

    void write(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            mover.move(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write mock state file " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one worth reporting.
                }
            }
        }
    }
}
