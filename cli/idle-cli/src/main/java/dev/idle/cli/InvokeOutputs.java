package dev.idle.cli;

import dev.idle.api.AtomicFiles;
import dev.idle.api.ExecutionResult;
import dev.idle.api.JsonOutput;
import dev.idle.api.event.IdleEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of one {@code invoke}: the result (a file replaced atomically, or stdout) and the events file. Both are
 * opened by {@link #open} before anything runs, so a path that cannot be written stops the command with exit 2
 * before any provider is called.
 *
 * <p>Failures after that do not stop the run, whose side effects are under way: the first failed event line (the disk
 * is full, a FIFO's reader left, an event cannot be encoded) closes the events file, which keeps the lines written
 * before it, and the result lists the failure under {@code outputErrors}. {@link #writeResult} reports whether
 * everything was written completely; the CLI exits 5 when not. Closing without a written result removes the result's
 * temp file, so no half-written result ever appears.
 *
 * <p>Thread-safe for {@link #event} (the engine may report events from several threads); the rest is called by the
 * command's thread.
 */
final class InvokeOutputs implements AutoCloseable {
    private final Path resultPath;
    private final AtomicFiles.Replacement result;
    private final Path eventsPath;
    private LineSink events;
    private long eventLines;
    private String eventsError;

    private InvokeOutputs(Path resultPath, AtomicFiles.Replacement result, Path eventsPath, LineSink events) {
        this.resultPath = resultPath;
        this.result = result;
        this.eventsPath = eventsPath;
        this.events = events;
    }

    /**
     * Opens the outputs given ({@code null}: not asked for).
     *
     * @throws dev.idle.api.IdleInputException naming the path that cannot be written
     */
    static InvokeOutputs open(Path resultPath, Path eventsPath, LineSink.Opener opener) {
        AtomicFiles.Replacement result = resultPath == null ? null : AtomicFiles.open(resultPath);
        try {
            LineSink events = eventsPath == null ? null : opener.open(eventsPath);
            return new InvokeOutputs(resultPath, result, eventsPath, events);
        } catch (RuntimeException e) {
            if (result != null) {
                result.close();
            }
            throw e;
        }
    }

    /** Writes {@code e} as one line of the events file, unless there is none or an earlier line failed. */
    synchronized void event(IdleEvent e) {
        if (events == null) {
            return;
        }
        try {
            events.writeLine(JsonOutput.eventLine(e));
            eventLines++;
        } catch (IOException | RuntimeException failed) {
            eventsError = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
            closeEvents();
        }
    }

    /**
     * Writes the result to the result file, or to {@code out} when none was given, and says on {@code err} what
     * could not be written.
     *
     * @return whether the result and the events were written completely
     */
    boolean writeResult(ExecutionResult r, PrintWriter out, PrintWriter err) {
        closeEvents();
        boolean complete = true;
        String json;
        try {
            json = JsonOutput.result(r, outputErrors());
        } catch (RuntimeException e) {
            // the run has happened: say so with exit 5 rather than an internal error that hides it
            err.println("idle: the result cannot be written: " + e.getMessage());
            return false;
        }
        if (eventsError != null) {
            err.println("idle: " + eventsPath + ": the events file is incomplete (" + eventLines
                    + " lines written): " + eventsError);
            complete = false;
        }
        if (result == null) {
            out.println(json);
            return complete && !out.checkError();
        }
        try {
            result.commit((json + "\n").getBytes(StandardCharsets.UTF_8));
            return complete;
        } catch (IOException e) {
            err.println("idle: " + resultPath + ": cannot write the result: " + e.getMessage());
            return false;
        }
    }

    private synchronized List<Map<String, Object>> outputErrors() {
        if (eventsError == null) {
            return List.of();
        }
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("output", "events");
        failure.put("path", eventsPath.toString());
        failure.put("linesWritten", eventLines);
        failure.put("error", eventsError);
        return new ArrayList<>(List.of(failure));
    }

    private synchronized void closeEvents() {
        if (events == null) {
            return;
        }
        try {
            events.close();
        } catch (IOException e) {
            if (eventsError == null) {
                eventsError = e.getMessage();
            }
        }
        events = null;
    }

    /** Closes the events file and removes the result's temp file if the result was not written. */
    @Override
    public void close() {
        closeEvents();
        if (result != null) {
            result.close();
        }
    }
}
