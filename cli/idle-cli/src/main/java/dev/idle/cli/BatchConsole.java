package dev.idle.cli;

import dev.idle.api.BatchRecord;
import dev.idle.api.BatchSummary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What {@code idle batch} tells a person on stderr: a progress line (done, rate, ETA), redrawn at most a few times a
 * second and only when stderr is a terminal ({@link RunSummary#stderrIsTerminal()}), and the final summary (counts
 * per status, rate, wall time), always. Never fails the batch: a terminal that went away loses only the display.
 *
 * <p>{@link #finished} is called by one thread at a time (the batch's record callback).
 */
final class BatchConsole {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean progress;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;

    /**
     * @param total the number of requests when known (a file, counted first; -1 otherwise); used for the ETA
     */
    private BatchConsole(PrintWriter err, boolean progress, long total) {
        this.err = err;
        this.progress = progress;
        this.total = total;
    }

    /** A console drawing progress when stderr is a terminal; counts the lines of {@code requests} for the ETA. */
    static BatchConsole forTerminal(PrintWriter err, Path requests) {
        boolean terminal = RunSummary.stderrIsTerminal();
        return new BatchConsole(err, terminal, terminal && requests != null ? lines(requests) : -1);
    }

    /** A console that prints only the summary. */
    static BatchConsole quiet(PrintWriter err) {
        return new BatchConsole(err, false, -1);
    }

    /** Lines in the file, an upper bound of its requests (a header, blank lines), read without keeping them. */
    private static long lines(Path file) {
        long count = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    count++;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return count;
    }

    void finished(BatchRecord record) {
        done++;
        if (!progress) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder line = new StringBuilder("\r").append(done);
        if (total > 0) {
            line.append('/').append(total);
        }
        line.append(" requests  ").append(String.format(Locale.ROOT, "%.1f/s", rate));
        if (total > 0 && rate > 0 && done < total) {
            line.append("  ETA ").append(RunSummary.format(Duration.ofMillis((long) ((total - done) / rate * 1000))));
        }
        err.print(line.append("   "));
        err.flush();
    }

    /**
     * Ends the progress line and prints the summary.
     *
     * @param throttled the 429s (and 503s with Retry-After) the providers met during the batch
     */
    void summary(BatchSummary s, boolean dryRun, long throttled) {
        if (progress && done > 0) {
            err.println();
        }
        StringJoiner counts = new StringJoiner(", ");
        for (BatchRecord.Status status : BatchRecord.Status.values()) {
            long n = s.count(status);
            if (n > 0) {
                counts.add(n + " " + status.name());
            }
        }
        err.println("idle batch" + (dryRun ? " (dry run)" : "") + ": " + s.total()
                + (s.total() == 1 ? " request" : " requests") + " in " + RunSummary.format(s.wallTime())
                + String.format(Locale.ROOT, " (%.1f/s)", s.ratePerSecond())
                + (s.total() == 0 ? "" : ": " + counts) + "; throttled (429) " + throttled
                + (throttled == 1 ? " time" : " times"));
        err.flush();
    }
}
