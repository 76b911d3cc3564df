package dev.idle.cli;

import dev.idle.api.LineFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where {@code invoke --events} writes its lines: a {@link LineFile} in production; tests substitute one that fails
 * after some lines, to show what the CLI does when a write fails midway.
 */
interface LineSink extends Closeable {
    /** Opens the sink for a path; throws {@link dev.idle.api.IdleInputException} naming it when it cannot. */
    @FunctionalInterface
    interface Opener {
        LineSink open(Path file);
    }

    /** Opens (creates, or empties) a {@link LineFile}. */
    Opener LINE_FILES = file -> {
        LineFile f = LineFile.create(file);
        return new LineSink() {
            @Override
            public void writeLine(String line) throws IOException {
                f.writeLine(line);
            }

            @Override
            public void close() throws IOException {
                f.close();
            }
        };
    };

    void writeLine(String line) throws IOException;
}
