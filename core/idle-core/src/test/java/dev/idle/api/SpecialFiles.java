package dev.idle.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the special files the output tests write to, inside a test's temp folder only (never a system path):
 * FIFOs with {@code mkfifo}, devices with {@code mknod} (root only), files of another user with {@code chown}. A test
 * that cannot have one is skipped with a message saying why.
 */
final class SpecialFiles {
    /** The uid {@code chown} gives files "of another user": nobody's. */
    static final int OTHER_USER = 65534;

    private SpecialFiles() {
    }

    static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    static void assumeRoot(String why) {
        assumeTrue(runningAsRoot(), "needs root (as in CI): " + why);
    }

    /** {@code mknod <dir>/<name> <type> <major> <minor>}; skips the test when that fails (no CAP_MKNOD). */
    static Path mknod(Path dir, String name, String type, int major, int minor) {
        assumeRoot("mknod");
        Path node = dir.resolve(name);
        assumeTrue(run("mknod", node.toString(), type, String.valueOf(major), String.valueOf(minor)),
                "mknod " + type + " failed here");
        return node;
    }

    static Path mkfifo(Path dir, String name) {
        Path fifo = dir.resolve(name);
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo is not available");
        return fifo;
    }

    /** Gives {@code file} (a link itself when {@code link}) to {@link #OTHER_USER}. */
    static void giveToAnotherUser(Path file, boolean link) {
        assumeRoot("chown to another user");
        List<String> cmd = link ? List.of("chown", "-h", String.valueOf(OTHER_USER), file.toString())
                : List.of("chown", String.valueOf(OTHER_USER), file.toString());
        assumeTrue(run(cmd.toArray(String[]::new)), "chown failed here");
    }

    /** The file type bits of {@code st_mode}, e.g. {@code 0020000} for a character device. */
    static int fileType(Path p) throws IOException {
        return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
    }

    static final int CHARACTER_DEVICE = 0020000;
    static final int FIFO = 0010000;

    private static boolean run(String... cmd) {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
