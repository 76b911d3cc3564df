package dev.idle.cli;

import dev.idle.api.LineFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where {@code invoke --events} and {@code batch --results} write their lines: a {@link LineFile} in production;
 * tests substitute one that fails after some lines, to show what the CLI does when a write fails midway.
 */
interface LineSink extends Closeable {
    /** Opens the sink for a path; throws {@link dev.idle.api.IdleInputException} naming it when it cannot. */
    @FunctionalInterface
    interface Opener {
        LineSink open(Path file);
    }

    /** Opens (creates, or empties) a {@link LineFile}. */
    Opener LINE_FILES = file -> of(LineFile.create(file));

    /** Opens a {@link LineFile} to add lines after those it holds (a resumed batch's results). */
    Opener APPENDING_LINE_FILES = file -> of(LineFile.append(file));

    private static LineSink of(LineFile f) {
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
    }

    void writeLine(String line) throws IOException;
}
