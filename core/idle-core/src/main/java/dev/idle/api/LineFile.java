package dev.idle.api;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A stream of text lines in a file (events, batch results, journals): each {@link #writeLine line} goes to the file
 * system in one write as soon as it is given, so a reader (or whatever survives a crash) sees every line written so
 * far, ending with at most one partial line. The sibling of {@link AtomicFiles}, the writer of whole documents, with
 * the same rules for the path: a new file is created {@code 0600} where the file system has POSIX permissions (an
 * existing file keeps its permissions); a character device or a FIFO is written through; a symbolic link is followed
 * only when it and its target belong to the user running IdLE; a directory, a block device or another special file is
 * refused. The folder must exist. Opening changes nothing a reader sees: an existing file is emptied (by
 * {@link #create}) when the first line is written, and a file that was created but got no line is removed on
 * {@link #close}, so a run that is refused after its outputs were opened leaves them as they were.
 *
 * <p>Failures: opening throws {@link IdleInputException} naming the path (a caller opens its streams before any side
 * effect, so a bad path stops a run before it starts); a failed {@link #writeLine} throws {@link IOException} and the
 * lines written before it stay in the file.
 *
 * <p>Thread-safe: lines from concurrent callers never interleave.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LineFile implements Closeable {
    private final Path path;
    private final FileChannel channel;
    /** The file this stream created, removed on close if no line was written; null when it existed. */
    private final Path created;
    private boolean emptyBeforeFirstLine;
    private long lines;

    private LineFile(Path path, FileChannel channel, Path created, boolean emptyBeforeFirstLine) {
        this.path = path;
        this.channel = channel;
        this.created = created;
        this.emptyBeforeFirstLine = emptyBeforeFirstLine;
    }

    /**
     * Opens {@code file} for a new stream: created, or emptied when the first line is written if it is a regular
     * file (a device or FIFO is opened as it is; opening a FIFO waits for its reader).
     *
     * @throws IdleInputException naming the file when it cannot be opened or IdLE may not write there
     */
    public static LineFile create(Path file) {
        return open(file, false);
    }

    /**
     * Opens {@code file} to add lines after those it holds: created if absent (a device or FIFO is opened as it is).
     *
     * @throws IdleInputException naming the file when it cannot be opened or IdLE may not write there
     */
    public static LineFile append(Path file) {
        return open(file, true);
    }

    private static LineFile open(Path file, boolean append) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IdleInputException(file + ": the output directory does not exist");
        }
        try {
            OutputTarget target = OutputTarget.of(file);
            Set<OpenOption> options = new HashSet<>(Set.of(StandardOpenOption.WRITE));
            if (target.kind() == OutputTarget.Kind.WRITE_THROUGH) {
                return new LineFile(file, FileChannel.open(target.path(), options), null, false);
            }
            options.add(LinkOption.NOFOLLOW_LINKS);
            if (append) {
                options.add(StandardOpenOption.APPEND);
            }
            try {
                FileChannel created = FileChannel.open(target.path(), with(options, StandardOpenOption.CREATE_NEW),
                        OutputTarget.ownerOnly(target.path().getParent()));
                return new LineFile(file, created, target.path(), false);
            } catch (FileAlreadyExistsException exists) {
                return new LineFile(file, FileChannel.open(target.path(), options), null, !append);
            }
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static Set<OpenOption> with(Set<OpenOption> options, OpenOption more) {
        Set<OpenOption> all = new HashSet<>(options);
        all.add(more);
        return all;
    }

    /** The path this stream was opened with. */
    public Path path() {
        return path;
    }

    /** How many lines were written completely. */
    public synchronized long linesWritten() {
        return lines;
    }

    /**
     * Writes {@code line} and a line feed ({@code \n}) in one go.
     *
     * @throws IOException when the file system refuses it (full, gone, a FIFO's reader left); the file then ends
     *     with the lines written before, and possibly part of this one
     */
    public synchronized void writeLine(String line) throws IOException {
        if (emptyBeforeFirstLine) {
            channel.truncate(0);
            emptyBeforeFirstLine = false;
        }
        OutputTarget.writeAll(channel, (line + "\n").getBytes(StandardCharsets.UTF_8));
        lines++;
    }

    /** Closes the stream; a file it created and wrote no line to is removed. */
    @Override
    public synchronized void close() throws IOException {
        channel.close();
        if (created != null && lines == 0) {
            Files.deleteIfExists(created);
        }
    }
}
