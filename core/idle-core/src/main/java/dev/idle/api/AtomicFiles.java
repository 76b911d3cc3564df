package dev.idle.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files so that readers never see half a file: a temp file in the same folder, then an atomic rename.
 *
 * <p>Stability: stable.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * @throws IdleInputException naming the file when its folder does not exist or it cannot be written
     */
    public static void write(Path file, String text) {
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
