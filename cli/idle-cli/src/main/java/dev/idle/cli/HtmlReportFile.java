package dev.idle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code --html FILE} output of {@code idle plan} and {@code idle batch --dry-run}: a whole document, written
 * atomically ({@link AtomicFiles}). {@link #open} checks the path before anything else happens (a bad one exits 2
 * naming it, before any provider is called); {@link #write} returns why the report could not be written (the CLI
 * then exits 5), or null. Used by one thread.
 */
final class HtmlReportFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final AtomicFiles.Replacement target;

    private HtmlReportFile(Path path, AtomicFiles.Replacement target) {
        this.path = path;
        this.target = target;
    }

    /** The report file at {@code path}, or null when no {@code --html} was given. */
    static HtmlReportFile open(Path path) {
        return path == null ? null : new HtmlReportFile(path, AtomicFiles.open(path));
    }

    /** Writes the whole report; returns null, or {@code <file>: cannot write the HTML report: <reason>}. */
    String write(String html) {
        try {
            target.commit(html.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (IOException e) {
            return path + ": cannot write the HTML report: " + e.getMessage();
        }
    }

    /** A JSON document the engine wrote or checked (a plan export, a preview) as the tree the reports render. */
    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the engine wrote a document that is not JSON", e); // a bug
        }
    }

    @Override
    public void close() {
        target.close();
    }
}
