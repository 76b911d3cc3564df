package dev.idle.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards tests that read upstream IdLE's workflows or the spec fixtures kept in {@code ../shared} beside a clone of
 * this project (not part of the project itself). Without that folder such a test is skipped with a message saying
 * what is missing and where it was looked for, so a clone of the project alone builds; with the environment variable
 * {@code CI=true} (CI has the folder) it fails instead, so a CI run never passes by skipping them silently.
 */
public final class UpstreamCorpus {
    private UpstreamCorpus() {
    }

    /** Returns {@code path} when it exists; else skips the test (fails it when {@code CI=true}). */
    public static Path require(Path path) {
        if (Files.exists(path)) {
            return path;
        }
        String message = "upstream corpus not found at " + path.toAbsolutePath().normalize()
                + " (../shared beside the clone); skipped outside CI";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + ", but CI=true: CI must have it");
        }
        Assumptions.abort(message);
        return path;
    }
}
