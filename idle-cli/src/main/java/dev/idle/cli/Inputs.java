package dev.idle.cli;

import dev.idle.api.Host;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IdleInputException(file + ": the output directory does not exist");
        }
        try {
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
