package dev.idle.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.idle.api.BatchRecord;
import dev.idle.api.BatchSummary;
import dev.idle.api.IdleInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongPredicate;

/**
 * How one {@code idle batch} run relates to the {@link BatchJournal journal} beside its results file, decided before
 * any provider is called:
 * <ul>
 *   <li>no {@code --results}, or a results path that is not a regular file: no journal; {@code --resume} is refused;
 *   <li>{@code --results FILE} without {@code --resume}: refused when {@code FILE.journal} holds an interrupted run
 *       (resume it, or delete the journal to start over); otherwise a new run, whose journal is started once every
 *       input was checked (not for stdin requests, which a resume could not read again);
 *   <li>{@code --resume}: needs {@code --results FILE} and {@code --requests FILE}; the journal must be there and its
 *       inputs (SHA-256) and options the same as now. Then the journal and the results file are cut back to what both
 *       agree on: the longest run of journal entries whose results lines, in the same order, carry the same index. That
 *       drops a torn last results line, a results line whose journal entry was never written (its request runs
 *       again, so it must not stay), and a torn journal entry. The requests so kept are {@link #pending() skipped};
 *       every other one runs, and its record is appended: the results end with every request exactly once.
 * </ul>
 * Refusals throw {@link IdleInputException} (exit 2) naming the file, input or option; nothing was changed then.
 *
 * <p>Requests are counted by {@code int} index here: a journal of more than {@code Integer.MAX_VALUE} requests stops
 * being trusted at that point, and the rest run again.
 */
final class BatchResume {
    private static final JsonFactory JSON = new JsonFactory();
    /** Bytes kept of each line for parsing: a header names a few paths; a results line needs only its index. */
    private static final int HEADER_BYTES = 1 << 16;
    private static final int ENTRY_BYTES = 256;
    private static final int RESULT_HEAD_BYTES = 64;

    private final Path journal;
    private final BatchJournal.Run run;
    private final boolean resuming;
    private final BitSet done;
    private final Map<BatchRecord.Status, Long> earlier;

    private BatchResume(Path journal, BatchJournal.Run run, boolean resuming, BitSet done,
                        Map<BatchRecord.Status, Long> earlier) {
        this.journal = journal;
        this.run = run;
        this.resuming = resuming;
        this.done = done;
        this.earlier = earlier;
    }

    /**
     * Checks the journal beside {@code results} and, for a resume, repairs the results and the journal.
     *
     * @param results   the {@code --results} file, or null for stdout
     * @param resume    {@code --resume} was given
     * @param run       this run's inputs and options; without a {@code requests} input the requests come from stdin
     * @param err       where a resume says what it found
     * @throws IdleInputException when the run or the resume is refused
     */
    static BatchResume prepare(Path results, boolean resume, BatchJournal.Run run, PrintWriter err) {
        boolean fromStdin = run.inputs().stream().noneMatch(in -> in.name().equals("requests"));
        if (results == null || Files.exists(results) && !Files.isRegularFile(results)) {
            if (resume) {
                throw new IdleInputException("--resume needs --results <file> (a regular file): the journal that"
                        + " lists the finished requests is kept beside it");
            }
            return new BatchResume(null, run, false, new BitSet(), Map.of());
        }
        if (resume && fromStdin) {
            throw new IdleInputException("--resume needs --requests <file>: standard input cannot be read again");
        }
        Path journal = BatchJournal.beside(results);
        Scan scan = Files.exists(journal, LinkOption.NOFOLLOW_LINKS) ? scan(journal, results) : null;
        if (!resume) {
            if (scan != null && scan.header() != null) {
                throw new IdleInputException(journal + ": an interrupted batch left this journal; run the same command"
                        + " with --resume to finish it, or delete the journal to start over");
            }
            return new BatchResume(fromStdin ? null : journal, run, false, new BitSet(), Map.of());
        }
        if (scan == null) {
            throw new IdleInputException(results + ": nothing to resume: there is no journal " + journal
                    + " (a batch that finished removes it)");
        }
        if (scan.header() == null) {
            // the run was stopped while starting its journal, before any request ran: start over
            err.println("idle batch: " + journal + " has no header (the run stopped before any request ran);"
                    + " starting over");
            return new BatchResume(journal, run, false, new BitSet(), Map.of());
        }
        var differences = scan.header().differences(run);
        if (!differences.isEmpty()) {
            throw new IdleInputException("--resume refused: " + String.join("; ", differences) + ". Resume with the"
                    + " inputs of the interrupted run, or delete " + journal + " to start over");
        }
        boolean droppedResults = cut(results, scan.resultsKeep());
        cut(journal, scan.journalKeep());
        err.println("idle batch: resuming: " + scan.done().cardinality() + " requests finished before the"
                + " interruption" + counts(scan.earlier()) + "; the others run now"
                + (droppedResults ? " (" + results + ": removed what followed the last request the journal lists)"
                : ""));
        return new BatchResume(journal, run, true, scan.done(), scan.earlier());
    }

    /** How the results file is opened: appended to when resuming, else as {@code fresh} opens it. */
    LineSink.Opener resultsOpener(LineSink.Opener fresh) {
        return resuming ? LineSink.APPENDING_LINE_FILES : fresh;
    }

    /**
     * Starts this run's journal (a new one with the inputs' hashes, or the repaired one continued); call once every
     * input was checked, before any request runs.
     *
     * @throws IdleInputException when the journal cannot be written or an input cannot be read
     */
    BatchJournal startJournal() {
        if (journal == null) {
            return BatchJournal.none();
        }
        return resuming ? BatchJournal.append(journal) : BatchJournal.start(journal, run);
    }

    /** The requests to run: those the journal does not list. */
    LongPredicate pending() {
        return index -> index > Integer.MAX_VALUE || !done.get((int) index);
    }

    /** {@code summary} with the requests finished before the interruption added to its counts. */
    BatchSummary withEarlier(BatchSummary summary) {
        if (earlier.isEmpty()) {
            return summary;
        }
        Map<BatchRecord.Status, Long> all = new EnumMap<>(BatchRecord.Status.class);
        all.putAll(summary.counts());
        earlier.forEach((status, n) -> all.merge(status, n, Long::sum));
        return new BatchSummary(all, summary.wallTime(), summary.stoppedBy());
    }

    /**
     * What the journal and the results agree on.
     *
     * @param header      the journal's header, null when its first line is missing or torn
     * @param journalKeep bytes of the journal to keep (header and the agreed entries)
     * @param resultsKeep bytes of the results to keep (the agreed lines)
     */
    private record Scan(BatchJournal.Header header, long journalKeep, long resultsKeep, BitSet done,
                        Map<BatchRecord.Status, Long> earlier) {
    }

    private static Scan scan(Path journal, Path results) {
        BitSet done = new BitSet();
        Map<BatchRecord.Status, Long> earlier = new EnumMap<>(BatchRecord.Status.class);
        try (InputStream j = new BufferedInputStream(Files.newInputStream(journal), 64 * 1024);
             InputStream r = Files.exists(results)
                     ? new BufferedInputStream(Files.newInputStream(results), 64 * 1024)
                     : InputStream.nullInputStream()) {
            Line first = Line.read(j, HEADER_BYTES);
            BatchJournal.Header header = first == null ? null : BatchJournal.Header.parse(first.text());
            if (header == null) {
                return new Scan(null, 0, 0, done, earlier);
            }
            long journalKeep = first.length();
            long resultsKeep = 0;
            while (true) {
                Line entryLine = Line.read(j, ENTRY_BYTES);
                BatchJournal.Entry entry = entryLine == null ? null : BatchJournal.Entry.parse(entryLine.text());
                Line resultLine = entry == null ? null : Line.read(r, RESULT_HEAD_BYTES);
                if (resultLine == null || entry.index() < 0 || entry.index() > Integer.MAX_VALUE
                        || resultIndex(resultLine.head()) != entry.index() || done.get((int) entry.index())) {
                    break;
                }
                done.set((int) entry.index());
                earlier.merge(entry.status(), 1L, Long::sum);
                journalKeep += entryLine.length();
                resultsKeep += resultLine.length();
            }
            return new Scan(header, journalKeep, resultsKeep, done, earlier);
        } catch (IOException e) {
            throw new IdleInputException(journal + ": cannot read the journal or its results: " + e.getMessage(), e);
        }
    }

    /** The {@code index} a results line starts with, or -1 when it does not start like a record. */
    private static long resultIndex(byte[] head) {
        try (JsonParser p = JSON.createParser(head)) {
            if (p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
                    && "index".equals(p.currentName()) && p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
        } catch (IOException e) {
            // not a record's beginning (garbage a crash left): the agreed part ends before it
        }
        return -1;
    }

    /** Cuts {@code file} to {@code length} bytes and forces that to disk; true when something was cut. */
    private static boolean cut(Path file, long length) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (ch.size() <= length) {
                return false;
            }
            ch.truncate(length);
            ch.force(true);
            return true;
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot repair it for --resume: " + e.getMessage(), e);
        }
    }

    private static String counts(Map<BatchRecord.Status, Long> earlier) {
        StringJoiner j = new StringJoiner(", ", " (", ")").setEmptyValue("");
        earlier.forEach((status, n) -> j.add(n + " " + status.name()));
        return j.toString();
    }

    /**
     * One complete line of a stream: its first bytes (for parsing) and its length including the line feed.
     */
    private record Line(byte[] head, long length) {
        String text() {
            return new String(head, StandardCharsets.UTF_8);
        }

        /** The next line, keeping at most {@code keep} bytes of it; null at the end or when the last is torn. */
        static Line read(InputStream in, int keep) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            long length = 0;
            int b;
            while ((b = in.read()) != -1) {
                length++;
                if (b == '\n') {
                    return new Line(head.toByteArray(), length);
                }
                if (head.size() < keep) {
                    head.write(b);
                }
            }
            return null;
        }
    }
}
