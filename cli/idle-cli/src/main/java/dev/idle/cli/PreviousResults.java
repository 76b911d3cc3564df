package dev.idle.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.idle.api.IdleInputException;
import dev.idle.api.RequestSource;
import dev.idle.report.html.ResultsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * A results file of an earlier {@code idle batch} (one JSON record a line, as {@code --results} writes them), read as
 * a stream: each record's {@code index} and {@code status}, whatever else it holds skipped without being kept, so a
 * file of any length costs only its largest string. {@link #read} hands each record over; {@link #toRetry} keeps the
 * indexes {@code --retry-failed} runs again.
 *
 * <p>A file that is not such a file is refused with {@link IdleInputException} naming {@code file:line}: a line that
 * is not a complete JSON object (a torn last line), two records on one line, a record without an integer
 * {@code index} from 0 or a known {@code status}, and an index recorded twice.
 *
 * <p>Not thread-safe; an instance is immutable once read.
 */
final class PreviousResults {
    /**
     * The statuses a record may have: a run's, {@code Invalid}, a dry run's {@code Planned}, and a distributed run's
     * {@code Rejected} (a decision, so never retried).
     */
    static final Set<String> STATUSES = Set.copyOf(ResultsFile.STATUSES);
    /** The statuses {@code --retry-failed} runs again. */
    static final Set<String> TO_RETRY = Set.of("Failed", "PartiallyFailed", "Invalid", "Blocked", "NotRun");

    /** One record: its 1-based line in the file, the request's index and its status. */
    record Entry(long line, long index, String status) {
    }

    private final Path file;
    private final BitSet toRetry;
    private final long records;
    /** The highest index recorded and the line it is on; -1 when the file holds no record. */
    private final long maxIndex;
    private final long maxIndexLine;

    private PreviousResults(Path file, BitSet toRetry, long records, long maxIndex, long maxIndexLine) {
        this.file = file;
        this.toRetry = toRetry;
        this.records = records;
        this.maxIndex = maxIndex;
        this.maxIndexLine = maxIndexLine;
    }

    /**
     * Reads {@code file} and keeps the indexes whose status is one of {@link #TO_RETRY}.
     *
     * @throws IdleInputException naming {@code file:line} when the file is not a results file
     */
    static PreviousResults toRetry(Path file) {
        BitSet retry = new BitSet();
        BitSet seen = new BitSet();
        long[] max = {-1, 0};
        long[] records = {0};
        read(file, e -> {
            if (e.index() > Integer.MAX_VALUE - 1) {
                throw problem(file, e.line(), "index " + e.index() + " is too large");
            }
            int i = (int) e.index();
            if (seen.get(i)) {
                throw problem(file, e.line(), "index " + i + " has a record on an earlier line already");
            }
            seen.set(i);
            records[0]++;
            if (TO_RETRY.contains(e.status())) {
                retry.set(i);
            }
            if (e.index() > max[0]) {
                max[0] = e.index();
                max[1] = e.line();
            }
        });
        return new PreviousResults(file, retry, records[0], max[0], max[1]);
    }

    /**
     * Hands each record of {@code file} to {@code each}, in file order.
     *
     * @throws IdleInputException naming {@code file:line} when the file is missing or not a results file
     */
    static void read(Path file, Consumer<Entry> each) {
        ResultsFile.eachObject(file, (p, line) -> each.accept(record(p, file, line)));
    }

    /** Reads one object whose START_OBJECT is the current token, up to its END_OBJECT. */
    private static Entry record(JsonParser p, Path file, long line) throws IOException {
        long index = -1;
        String status = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("index")) {
                if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        || p.getLongValue() < 0) {
                    throw problem(file, line, "'index' must be a whole number from 0");
                }
                index = p.getLongValue();
            } else if (name.equals("status")) {
                if (value != JsonToken.VALUE_STRING || !STATUSES.contains(p.getText())) {
                    throw problem(file, line, "'status' must be one of " + String.join(", ", sorted()));
                }
                status = p.getText();
            } else {
                p.skipChildren();
            }
        }
        if (index < 0 || status == null) {
            throw problem(file, line, "a results record needs 'index' and 'status'");
        }
        return new Entry(line, index, status);
    }

    private static List<String> sorted() {
        return STATUSES.stream().sorted().toList();
    }

    private static IdleInputException problem(Path file, long line, String what) {
        return new IdleInputException(file + ":" + line + ": " + what);
    }

    /**
     * What {@code --retry-failed} runs: the indexes of {@code previous} to run again, after checking that the new
     * results go elsewhere and that every index lies within the requests file.
     *
     * @throws IdleInputException for stdin, {@code --results} naming {@code previous}, a bad results file, or an
     *     index beyond the requests
     */
    static LongPredicate retrySelection(Path previous, Path results, Path requestsFile, RequestSource.Format format,
                                        PrintWriter err) {
        if (requestsFile == null) {
            throw new IdleInputException("--retry-failed needs --requests FILE: the requests are matched by index,"
                    + " and stdin cannot be read again");
        }
        if (results != null && sameFile(previous, results)) {
            throw new IdleInputException("--results must not be the file given to --retry-failed (" + previous
                    + "): it is read to choose the requests to run again; give the new results another name");
        }
        PreviousResults before = toRetry(previous);
        long requests = 0;
        try (RequestSource source = RequestSource.open(requestsFile, format)) {
            while (source.next() != null) {
                requests++;
            }
        } catch (UncheckedIOException e) {
            throw new IdleInputException(requestsFile + ": cannot read the requests: " + e.getMessage(), e);
        }
        before.requireWithin(requests, requestsFile.toString());
        err.println("idle batch: running again " + before.retryCount() + " of " + requests + " requests: those "
                + "recorded Failed, Invalid, Blocked or NotRun in " + previous);
        return before::retries;
    }

    /** True when {@code a} and {@code b} are one file (or, when either is missing, one path). */
    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** True when the request at {@code index} is to run again. */
    boolean retries(long index) {
        return index >= 0 && index < Integer.MAX_VALUE && toRetry.get((int) index);
    }

    /** How many requests are to run again. */
    long retryCount() {
        return toRetry.cardinality();
    }

    /** How many records the file holds. */
    long records() {
        return records;
    }

    /**
     * Checks that every index lies within the {@code requests} requests of {@code requestsName}.
     *
     * @throws IdleInputException naming the line of the highest index when it does not
     */
    void requireWithin(long requests, String requestsName) {
        if (maxIndex >= requests) {
            throw problem(file, maxIndexLine, "index " + maxIndex + " is beyond the " + requests
                    + (requests == 1 ? " request" : " requests") + " of " + requestsName
                    + ": these are not the results of that requests file");
        }
    }
}
