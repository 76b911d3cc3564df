package dev.idle.cli;

import dev.idle.api.AtomicFiles;
import dev.idle.api.Host;
import dev.idle.api.LifecycleRequest;
import java.nio.file.Path;

/** Reading the files a user passes, and writing output files atomically. */
final class Inputs {
    private Inputs() {
    }

    static LifecycleRequest request(Path file) {
        return LifecycleRequest.load(file);
    }

    static Host host(Path file) {
        return file == null ? null : Host.load(file);
    }

    /** Writes {@code text} to {@code file} through a temp file and a rename, so readers never see half a file. */
    static void writeAtomically(Path file, String text) {
        AtomicFiles.write(file, text);
    }
}
