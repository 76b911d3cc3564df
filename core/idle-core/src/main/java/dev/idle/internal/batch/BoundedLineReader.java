package dev.idle.internal.batch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Splits a byte stream into lines (ending in {@code \n}, {@code \r\n} or the end of input) without ever holding more
 * than {@code maxLineBytes} of one line: the rest of a longer line is skipped and the line is handed over as
 * {@link Line#tooLong()}, so one huge line costs neither memory nor the lines after it.
 *
 * <p>Not thread-safe.
 */
final class BoundedLineReader implements AutoCloseable {
    /** One line without its line ending; {@code bytes} is empty when {@code tooLong}. */
    record Line(long number, byte[] bytes, boolean tooLong) {
    }

    private final InputStream in;
    private final long maxLineBytes;
    private long number;
    private boolean ended;

    BoundedLineReader(InputStream in, long maxLineBytes) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. */
    Line next() {
        if (ended) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (tooLong) {
                    continue;
                }
                if (line.size() >= maxLineBytes) {
                    tooLong = true;
                    line = new ByteArrayOutputStream();
                    continue;
                }
                line.write(b);
            }
            if (b == -1) {
                ended = true;
                if (line.size() == 0 && !tooLong) {
                    return null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the requests: " + e.getMessage(), e);
        }
        number++;
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return new Line(number, bytes, tooLong);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
