package dev.idle.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.BatchRecord;
import dev.idle.api.IdleInputException;
import dev.idle.api.LineFile;
import dev.idle.api.RequestSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The journal of one {@code idle batch --results FILE} run, kept beside the results as {@code FILE.journal} (a
 * {@link LineFile}, append-only): a header line naming what the run depends on — each input file with its SHA-256,
 * and the options a resume must repeat — then one line per finished request, {@code {"index":12,"status":"Completed"}},
 * written right <em>after</em> that request's results line. So after a crash the results file holds every request the
 * journal lists, in the same order, and at most one more line (complete, or torn) that the journal does not list;
 * {@link BatchResume} relies on that to repair the results and skip what is done.
 *
 * <p>Each line goes to the operating system in one write as the request finishes, so a {@code kill -9} of IdLE loses
 * nothing written; the journal is not forced to disk, so a power loss of the machine may lose its last lines, and a
 * resume then runs those requests again. A journal line that cannot be written throws {@link UncheckedIOException},
 * which stops the batch like a results line that cannot be written; {@link #failure()} says why.
 *
 * <p>Called by one thread at a time (the batch hands records over under its lock).
 */
final class BatchJournal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "idle batch journal";
    private static final int VERSION = 1;

    /** One input file of the run, named for messages ({@code workflow}, {@code host}, {@code requests}). */
    record Input(String name, Path file) {
        Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(file, "file");
        }
    }

    /** What a run depends on: its input files and the options (by their flag) a resume must repeat. */
    record Run(List<Input> inputs, Map<String, String> options) {
        Run {
            inputs = List.copyOf(inputs);
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options)); // in the order given
        }

        /**
         * The files and options of {@code idle batch}; {@code requests} null for stdin (no journal then),
         * {@code format} null to take it from the file name.
         *
         * @throws IdleInputException when the format cannot be told from the requests file's name
         */
        static Run of(Path workflow, Path host, Path requests, RequestSource.Format format, boolean dryRun) {
            List<Input> files = new ArrayList<>(List.of(new Input("workflow", workflow), new Input("host", host)));
            if (requests != null) {
                files.add(new Input("requests", requests));
            }
            Map<String, String> options = new LinkedHashMap<>();
            options.put("--format", (format != null ? format
                    : requests == null ? RequestSource.Format.JSONL
                    : RequestSource.Format.ofFileName(requests.toString())).name().toLowerCase(Locale.ROOT));
            options.put("--dry-run", String.valueOf(dryRun));
            return new Run(files, options);
        }

        /**
         * This run with the blast-radius options and the results file that {@code --retry-failed} reads (each may be
         * null): a resume must repeat them, since they decide which requests run.
         */
        Run with(Path retryFailed, String maxAffected, Long confirmAffected) {
            List<Input> files = new ArrayList<>(inputs);
            if (retryFailed != null) {
                files.add(new Input("previous results", retryFailed));
            }
            Map<String, String> more = new LinkedHashMap<>(options);
            more.put("--max-affected", maxAffected == null ? "not given" : maxAffected);
            more.put("--confirm-affected", confirmAffected == null ? "not given" : String.valueOf(confirmAffected));
            return new Run(files, more);
        }

    }

    /**
     * The header: each input's name, path (for messages) and SHA-256, and the options.
     *
     * @param hashes input name to {@code path} and {@code sha256}
     */
    record Header(Map<String, FileHash> hashes, Map<String, String> options) {
        /** Hashes the run's input files now. @throws IdleInputException naming a file that cannot be read */
        static Header of(Run run) {
            Map<String, FileHash> hashes = new LinkedHashMap<>();
            for (Input in : run.inputs()) {
                hashes.put(in.name(), new FileHash(in.file().toString(), sha256(in.file())));
            }
            return new Header(hashes, run.options());
        }

        String toJsonLine() {
            ObjectNode root = JSON.createObjectNode().put("journal", FORMAT).put("version", VERSION);
            ArrayNode inputs = root.putArray("inputs");
            hashes.forEach((name, h) -> inputs.addObject().put("name", name).put("path", h.path())
                    .put("sha256", h.sha256()));
            ObjectNode opts = root.putObject("options");
            options.forEach(opts::put);
            return root.toString();
        }

        /** The header in {@code line}, or null when it is not one (a torn first line). */
        static Header parse(String line) {
            JsonNode root;
            try {
                root = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return null;
            }
            if (root == null || !FORMAT.equals(root.path("journal").asText()) || root.path("version").asInt() != VERSION) {
                return null;
            }
            Map<String, FileHash> hashes = new LinkedHashMap<>();
            root.path("inputs").forEach(in -> hashes.put(in.path("name").asText(),
                    new FileHash(in.path("path").asText(), in.path("sha256").asText())));
            Map<String, String> options = new LinkedHashMap<>();
            root.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
            return new Header(hashes, options);
        }

        /**
         * What differs between the interrupted run (this) and {@code now}, each naming the input or option; empty
         * when {@code now} may resume it.
         */
        List<String> differences(Run now) {
            List<String> out = new ArrayList<>();
            for (Input in : now.inputs()) {
                FileHash was = hashes.get(in.name());
                String hash = sha256(in.file());
                if (was == null) {
                    out.add(in.name() + " file " + in.file() + " was not an input of the interrupted run");
                } else if (!was.sha256().equals(hash)) {
                    out.add(in.name() + " file " + in.file() + " changed since the interrupted run (sha256 "
                            + abbreviated(was.sha256()) + " then, " + abbreviated(hash) + " now)");
                }
            }
            hashes.forEach((name, h) -> {
                if (now.inputs().stream().noneMatch(in -> in.name().equals(name))) {
                    out.add("the interrupted run also read " + name + " file " + h.path());
                }
            });
            now.options().forEach((option, value) -> {
                String was = options.get(option);
                if (!value.equals(was)) {
                    out.add(option + " was " + (was == null ? "not given" : was) + " in the interrupted run, now "
                            + value);
                }
            });
            return out;
        }

        private static String abbreviated(String sha256) {
            return sha256.length() > 16 ? sha256.substring(0, 16) + "…" : sha256;
        }
    }

    /** An input's path as the run named it and its SHA-256 (lower-case hex). */
    record FileHash(String path, String sha256) {
    }

    /** One finished request. */
    record Entry(long index, BatchRecord.Status status) {
        String toJsonLine() {
            return "{\"index\":" + index + ",\"status\":\"" + status.name() + "\"}";
        }

        /** The entry in {@code line}, or null when it is not one (torn, or not written by a journal). */
        static Entry parse(String line) {
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.path("index").canConvertToLong() || !n.path("index").isIntegralNumber()) {
                    return null;
                }
                return new Entry(n.get("index").asLong(), BatchRecord.Status.valueOf(n.path("status").asText()));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    private final Path path;
    private final LineFile file;
    private String failure;

    private BatchJournal(Path path, LineFile file) {
        this.path = path;
        this.file = file;
    }

    /** The journal of the results file {@code results}: {@code results.journal} in the same folder. */
    static Path beside(Path results) {
        return results.resolveSibling(results.getFileName() + ".journal");
    }

    /** No journal: the results go to stdout, or the requests come from stdin (which a resume cannot read again). */
    static BatchJournal none() {
        return new BatchJournal(null, null);
    }

    /**
     * Starts the journal of a new run at {@code path} (replacing a journal without a header) and writes its header.
     *
     * @throws IdleInputException naming the file when it cannot be written or an input cannot be read
     */
    static BatchJournal start(Path path, Run run) {
        Header header = Header.of(run);
        LineFile f = LineFile.create(path);
        try {
            f.writeLine(header.toJsonLine());
        } catch (IOException e) {
            closeQuietly(f);
            throw new IdleInputException(path + ": cannot write: " + e.getMessage(), e);
        }
        return new BatchJournal(path, f);
    }

    /** Continues the journal at {@code path} (already repaired by {@link BatchResume}). */
    static BatchJournal append(Path path) {
        return new BatchJournal(path, LineFile.append(path));
    }

    /** Records that {@code record}'s request is finished; call after its results line was written. */
    void finished(BatchRecord record) {
        if (file == null) {
            return;
        }
        try {
            file.writeLine(new Entry(record.index(), record.status()).toJsonLine());
        } catch (IOException e) {
            failure = path + ": the journal is incomplete: " + e.getMessage();
            throw new UncheckedIOException(failure, e);
        }
    }

    /** Why the journal is incomplete, or null. */
    String failure() {
        return failure;
    }

    /**
     * Ends the run. When every request was taken up and recorded ({@code complete}), the journal has served its
     * purpose and is removed; otherwise it is kept and {@code err} says how to finish the batch.
     */
    void end(boolean complete, PrintWriter err) {
        if (file == null) {
            return;
        }
        close();
        if (complete && failure == null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // the results are complete; only a later run without --resume will stumble on the journal
                err.println("idle: cannot remove the journal of the finished batch " + path + ": " + e.getMessage());
            }
        } else {
            err.println("idle: the batch did not finish; its journal " + path + " is kept: run the same command with"
                    + " --resume to run the requests it does not list");
        }
    }

    /** Closes the file (what was written stays: every line went to the file system as it was written). */
    @Override
    public void close() {
        if (file != null) {
            closeQuietly(file);
        }
    }

    /** The SHA-256 of {@code file}, read as a stream. @throws IdleInputException when it cannot be read */
    static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw new IdleInputException(file + ": file not found", e);
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void closeQuietly(LineFile f) {
        try {
            f.close();
        } catch (IOException ignored) {
            // closing a channel loses nothing already written; a failed write is reported where it happened
        }
    }
}
