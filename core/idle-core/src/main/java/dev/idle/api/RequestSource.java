package dev.idle.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The requests of a batch, read one at a time so that a file of any length is never held in memory: JSON Lines (each
 * line one request object, exactly as a {@code --request} file holds it; blank lines are skipped) or CSV whose header
 * names dotted request paths ({@code lifecycleEvent}, {@code correlationId}, {@code actor}, {@code identityKeys.Upn},
 * {@code intent.Department}, {@code context.X.Y}; every value a string, an empty cell absent).
 *
 * <p>A line that cannot be read as a request does not end the source: {@link #next} hands it over as an {@link Item}
 * with an {@link Item#error error} and the correlation id it could read, and the batch records it {@code Invalid}.
 * The {@link InputLimits} apply to each line (a line, or a quoted CSV record, longer than {@code maxFileBytes} is
 * such an item), not to the whole input. What stops the source is an input that cannot be read at all: a missing
 * file, or a CSV header that is not a list of request paths ({@link IdleInputException} from {@link #open}).
 *
 * <p>Not thread-safe: one reader calls {@link #next}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RequestSource extends AutoCloseable {

    /** The syntax of a request source. */
    @API(status = EXPERIMENTAL, since = "0.1")
    enum Format {
        /** JSON Lines: one request object per line ({@code .jsonl}, {@code .ndjson}, {@code .json}). */
        JSONL,
        /** CSV with a header of dotted request paths ({@code .csv}). */
        CSV;

        /**
         * The format a file name's extension names.
         *
         * @throws IdleInputException for another extension
         */
        public static Format ofFileName(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
                return JSONL;
            }
            if (lower.endsWith(".csv")) {
                return CSV;
            }
            throw new IdleInputException(fileName + ": unsupported requests file type (supported: .jsonl, .ndjson,"
                    + " .json, .csv)");
        }
    }

    /**
     * One request of the source, or the reason its line is not one.
     *
     * @param line          the 1-based line it starts on (for CSV the physical line, a quoted value may span several)
     * @param request       the request; null when {@code error} is set
     * @param correlationId the request's correlation id, or what could be read of it when invalid (may be null)
     * @param error         why the line is not a valid request (names the source and line); null when valid
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    record Item(long line, LifecycleRequest request, String correlationId, String error) {
        /** A valid request read at {@code line}. */
        public static Item of(long line, LifecycleRequest request) {
            return new Item(line, request, request.correlationId(), null);
        }

        /** A line that is not a valid request. */
        public static Item invalid(long line, String correlationId, String error) {
            return new Item(line, null, correlationId, error);
        }
    }

    /**
     * The next request, or null at the end. May block (a pipe that has not written its next line yet).
     *
     * @throws UncheckedIOException when the input cannot be read any further
     */
    Item next();

    /** Closes the input. */
    @Override
    void close();

    /**
     * Reads {@code in} in {@code format}; {@code name} names it in messages ({@code requests.csv:7:3: ...}). The
     * stream is closed by {@link #close}.
     *
     * @throws IdleInputException when a CSV header cannot be read
     */
    static RequestSource read(InputStream in, String name, Format format) {
        return RuntimeLookup.runtime().requestSource(in, name, format);
    }

    /**
     * Opens a requests file; {@code format} null picks it by extension.
     *
     * @throws IdleInputException when the file is missing or unreadable, its type unknown, or its CSV header bad
     */
    static RequestSource open(Path file, Format format) {
        Format f = format != null ? format : Format.ofFileName(file.toString());
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IdleInputException(file + ": file not found", e);
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return read(in, file.toString(), f);
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Requests given in code, numbered from line 1. */
    static RequestSource of(Iterable<LifecycleRequest> requests) {
        Iterator<LifecycleRequest> it = requests.iterator();
        return new RequestSource() {
            private long line;

            @Override
            public Item next() {
                return it.hasNext() ? Item.of(++line, it.next()) : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
