package dev.idle.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * idle-core's copy of {@code dev.idle.testkit.UpstreamCorpus} (the testkit depends on idle-core, so idle-core's
 * tests cannot use it): a test reading {@code ../shared} is skipped without it, and fails without it when
 * {@code CI=true}.
 */
public final class UpstreamCorpusGuard {
    private UpstreamCorpusGuard() {
    }

    public static Path require(Path path) {
        if (!Files.exists(path)) {
            String why = "upstream corpus not found at " + path.toAbsolutePath().normalize()
                    + " (../shared beside the clone)";
            Assertions.assertFalse("true".equalsIgnoreCase(System.getenv("CI")), why + ", but CI=true: CI must have it");
            Assumptions.abort(why + "; skipped outside CI");
        }
        return path;
    }
}
