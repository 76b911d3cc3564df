package dev.idle.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.idle.api.IdleInputException;
import dev.idle.api.InputLimits;
import dev.idle.spi.CredentialMasking;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Reads a results file — one JSON record a line, as {@code idle batch --results} and {@code idle results} write them
 * ({@link dev.idle.api.BatchRecord#toJsonLine()}) — as a stream, handing each record over as a {@link ResultRow}: the
 * parser keeps the few fields a report shows and skips the rest (events, plans, outputs) without building them, so a
 * file of any length costs about one record's largest string. Strings are bounded by {@link InputLimits#current()};
 * what is kept of a correlation id or an error has credentials masked and is cut to {@link #MAX_TEXT} chars.
 *
 * <p>A file that is not a results file is refused with an {@link IdleInputException} naming {@code source:line}: a
 * line that is not a complete JSON object (a torn last line), two records on one line, a record without a whole
 * {@code index} from 0, a known {@code status} or ISO-8601 {@code startedAt}/{@code finishedAt}. Unlike
 * {@code --retry-failed}, an index may repeat: the records of {@code idle results} come from many submissions.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResultsFile {
    /** The statuses a record may have (a run's, {@code Invalid}, a dry run's {@code Planned}, {@code Rejected}). */
    public static final List<String> STATUSES = List.of("Completed", "Planned", "Failed", "PartiallyFailed",
            "Blocked", "NotRun", "Invalid", "Rejected");
    /** Longest correlation id or error kept for the report, in chars; a longer one is cut and ends in "…". */
    public static final int MAX_TEXT = 2_000;

    private ResultsFile() {
    }

    /**
     * Hands each record of {@code in} to {@code each}, in file order.
     *
     * @param source the name problems start with (the file's path, or "standard input")
     * @throws IdleInputException naming {@code source:line} when the input is not a results file or cannot be read
     */
    public static void read(InputStream in, String source, Consumer<ResultRow> each) {
        eachObject(in, source, (p, line) -> each.accept(new RecordFields(source, line).read(p)));
    }

    /** Reads one record whose START_OBJECT is the parser's current token, up to its END_OBJECT. */
    @FunctionalInterface
    public interface RecordReader {
        void read(JsonParser parser, long line) throws IOException;
    }

    /**
     * Hands each record of the results file {@code file} to {@code each}, in file order.
     *
     * @throws IdleInputException naming {@code file:line} when it is missing or not a results file
     */
    public static void read(Path file, Consumer<ResultRow> each) {
        eachObject(file, (p, line) -> each.accept(new RecordFields(file.toString(), line).read(p)));
    }

    /**
     * {@link #eachObject(InputStream, String, RecordReader)} of the file {@code file}.
     *
     * @throws IdleInputException naming the file when it is missing or cannot be read, or {@code file:line}
     */
    @API(status = INTERNAL, since = "0.1")
    public static void eachObject(Path file, RecordReader each) {
        try (InputStream in = Files.newInputStream(file)) {
            eachObject(in, file.toString(), each);
        } catch (NoSuchFileException e) {
            throw new IdleInputException(file + ": file not found", e);
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The loop of every reader of results files (this one and {@code --retry-failed}'s): hands each top-level JSON
     * object of {@code in} to {@code each} with the line it starts on, checking that there is one object a line.
     * Jackson is bounded by the {@link InputLimits} in force, except in document length: results files are long.
     *
     * @throws IdleInputException naming {@code source:line} for anything but one JSON object a line, or when
     *     {@code in} cannot be read
     */
    @API(status = INTERNAL, since = "0.1")
    public static void eachObject(InputStream in, String source, RecordReader each) {
        InputLimits limits = InputLimits.current();
        JsonFactory json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth() + 1)
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberDigits())
                .build()).build();
        try (JsonParser p = json.createParser(in)) {
            long lastLine = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                long line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw problem(source, line, "not a results record (a JSON object a line)");
                }
                if (line == lastLine) {
                    throw problem(source, line, "two records on one line");
                }
                each.read(p, line);
                lastLine = p.currentLocation().getLineNr();
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw problem(source, at == null ? 0 : at.getLineNr(), "not a complete JSON record (a torn line?): "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new IdleInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    static IdleInputException problem(String source, long line, String what) {
        return new IdleInputException(source + ":" + line + ": " + what);
    }

    /** {@code text} with credentials masked ({@link CredentialMasking#mask}), then {@link #bounded}. */
    static String shown(String text) {
        return text == null ? null : bounded(CredentialMasking.mask(text));
    }

    /** {@code text} cut to {@link #MAX_TEXT} chars (never inside a surrogate pair), or null for null. */
    static String bounded(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return text.substring(0, end) + "…";
    }

    /** The fields of one record, collected while its object is parsed. */
    private static final class RecordFields {
        private final String source;
        private final long line;
        private long index = -1;
        private long requestLine;
        private String status;
        private Instant startedAt;
        private Instant finishedAt;
        private String correlationId;
        private String error;
        private String firstStepError;
        private int steps;
        private int changedSteps;

        RecordFields(String source, long line) {
            this.source = source;
            this.line = line;
        }

        /** Reads the object whose START_OBJECT is the current token, up to its END_OBJECT. */
        ResultRow read(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "index" -> index = wholeNumber(p, value, "index");
                    case "line" -> requestLine = wholeNumber(p, value, "line");
                    case "status" -> status = status(p, value);
                    case "startedAt" -> startedAt = instant(p, value, "startedAt");
                    case "finishedAt" -> finishedAt = instant(p, value, "finishedAt");
                    case "correlationId" -> correlationId = text(p, value, "correlationId");
                    case "error" -> error = text(p, value, "error");
                    case "steps" -> steps(p, value);
                    default -> p.skipChildren();
                }
            }
            if (index < 0 || status == null || startedAt == null || finishedAt == null) {
                throw problem(source, line, "a results record needs 'index', 'status', 'startedAt' and 'finishedAt'");
            }
            // masked again although IdLE wrote the file masked: a report may be mailed around, and a file may come
            // from elsewhere; masked before it is cut, so that a cut never leaves a half credential unmasked
            return new ResultRow(line, index, requestLine, shown(correlationId), status, startedAt, finishedAt,
                    changedSteps, steps, shown(error != null ? error : firstStepError));
        }

        private long wholeNumber(JsonParser p, JsonToken value, String field) throws IOException {
            if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < 0) {
                throw problem(source, line, "'" + field + "' must be a whole number from 0");
            }
            return p.getLongValue();
        }

        private String status(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.VALUE_STRING || !STATUSES.contains(p.getText())) {
                throw problem(source, line, "'status' must be one of " + String.join(", ", STATUSES));
            }
            return p.getText();
        }

        private Instant instant(JsonParser p, JsonToken value, String field) throws IOException {
            try {
                if (value == JsonToken.VALUE_STRING) {
                    return Instant.parse(p.getText());
                }
            } catch (DateTimeException e) {
                // reported below, as a value of the wrong type is
            }
            throw problem(source, line, "'" + field + "' must be an ISO-8601 instant, e.g. 2026-12-04T22:00:00Z");
        }

        private String text(JsonParser p, JsonToken value, String field) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value != JsonToken.VALUE_STRING) {
                throw problem(source, line, "'" + field + "' must be a string or null");
            }
            return p.getText();
        }

        /** Counts the steps and their changes and keeps the first step error; nothing else of a step is kept. */
        private void steps(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                steps++;
                String stepName = null;
                String stepError = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("changed") && v == JsonToken.VALUE_TRUE) {
                        changedSteps++;
                    } else if (name.equals("name") && v == JsonToken.VALUE_STRING) {
                        stepName = shown(p.getText());
                    } else if (name.equals("error") && v == JsonToken.VALUE_STRING && firstStepError == null) {
                        stepError = shown(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                if (stepError != null && firstStepError == null) {
                    firstStepError = stepName == null ? stepError : stepName + ": " + stepError;
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw problem(source, line, "'steps' must be a list of step objects");
            }
        }
    }
}
