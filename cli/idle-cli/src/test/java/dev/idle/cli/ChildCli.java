package dev.idle.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the CLI in a child JVM on the test class path, for tests that need what only a process has: secrets given in
 * its environment, or a {@code kill -9} in the middle of a run. Logs go to stderr, as a user sees them.
 */
final class ChildCli {
    private ChildCli() {
    }

    /**
     * Starts {@code idle <args>} with {@code env} added to its environment; stdout and stderr go to the two files.
     * The caller waits for it (or kills it).
     */
    static Process start(List<String> args, Map<String, String> env, Path stdout, Path stderr) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // logs to stderr, as a user sees them (the test class path's simplelogger.properties names a file)
                "-Dorg.slf4j.simpleLogger.logFile=System.err",
                "-cp", System.getProperty("java.class.path"), IdleCli.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        return pb.start();
    }
}
