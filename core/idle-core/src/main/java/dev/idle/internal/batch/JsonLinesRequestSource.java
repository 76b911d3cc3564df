package dev.idle.internal.batch;

import dev.idle.api.IdleInputException;
import dev.idle.api.InputLimits;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.RequestSource;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.internal.load.DataFileLoader;
import java.io.InputStream;

/**
 * JSON Lines requests: each non-blank line one request object, read with the same rules and limits as a
 * {@code --request} file (the file-size limit applies to each line). A line that is not a valid request is an
 * invalid {@link RequestSource.Item} naming {@code <name>:<line>}.
 *
 * <p>Not thread-safe.
 */
public final class JsonLinesRequestSource implements RequestSource {
    private final BoundedLineReader lines;
    private final String name;
    private final long maxLineBytes;

    public JsonLinesRequestSource(InputStream in, String name) {
        this.maxLineBytes = InputLimits.current().maxFileBytes();
        this.lines = new BoundedLineReader(in, maxLineBytes);
        this.name = name;
    }

    @Override
    public Item next() {
        BoundedLineReader.Line line;
        do {
            line = lines.next();
        } while (line != null && !line.tooLong() && isBlank(line.bytes()));
        if (line == null) {
            return null;
        }
        if (line.tooLong()) {
            return Item.invalid(line.number(), null, tooLong(name, line.number(), maxLineBytes));
        }
        Object data;
        try {
            data = DataFileLoader.loadJsonLine(line.bytes(), name, line.number());
        } catch (IdleInputException e) {
            return Item.invalid(line.number(), null, e.getMessage());
        }
        return request(data, name + ":" + line.number(), line.number());
    }

    /** The request in {@code data}, or an invalid item keeping the correlation id it holds. */
    static Item request(Object data, String source, long line) {
        try {
            return Item.of(line, LifecycleRequest.fromData(data, source));
        } catch (IdleInputException e) {
            String correlationId = data instanceof DataMap m && Values.isScalar(m.get("correlationId"))
                    && m.get("correlationId") != null ? Values.ps(m.get("correlationId")) : null;
            return Item.invalid(line, correlationId, e.getMessage());
        }
    }

    static String tooLong(String name, long line, long limit) {
        return name + ":" + line + ": the line is longer than " + limit + " bytes (limit maxFileBytes, which applies"
                + " to each request)";
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        lines.close();
    }
}
