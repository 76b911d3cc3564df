package dev.idle.cli;

import dev.idle.api.BatchRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where {@code idle batch} writes its records, one JSON line each, as each request finishes: the {@code --results}
 * file (a {@link dev.idle.api.LineFile}, opened by {@link #open} before anything else happens, so a bad path exits 2
 * before any provider is called), or stdout. A line that cannot be written throws {@link UncheckedIOException}, which
 * stops the batch (no request starts after it); {@link #failure()} then says what happened, and the CLI exits 5.
 *
 * <p>Called by one thread at a time (the batch hands records over under its lock).
 */
final class BatchResults implements AutoCloseable {
    private final Path path;
    private final LineSink file;
    private final PrintWriter out;
    private long written;
    private String failure;

    private BatchResults(Path path, LineSink file, PrintWriter out) {
        this.path = path;
        this.file = file;
        this.out = out;
    }

    /** Opens {@code path} with {@code opener}, or writes to {@code out} when {@code path} is null. */
    static BatchResults open(Path path, LineSink.Opener opener, PrintWriter out) {
        return new BatchResults(path, path == null ? null : opener.open(path), out);
    }

    /** Writes the record's line. */
    void write(BatchRecord record) {
        String line = record.toJsonLine();
        try {
            if (file != null) {
                file.writeLine(line);
            } else {
                out.println(line);
                out.flush();
                if (out.checkError()) {
                    throw new IOException("cannot write to standard output");
                }
            }
            written++;
        } catch (IOException e) {
            failure = (path == null ? "standard output" : path.toString()) + ": the results are incomplete ("
                    + written + " records written): " + e.getMessage();
            throw new UncheckedIOException(failure, e);
        }
    }

    long written() {
        return written;
    }

    /** Why the results are incomplete, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void close() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = path + ": the results are incomplete: " + e.getMessage();
            }
        }
    }
}
