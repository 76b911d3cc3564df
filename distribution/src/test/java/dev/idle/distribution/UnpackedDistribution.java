package dev.idle.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A distribution archive unpacked with the system's {@code tar}, as a user unpacks it, and its {@code bin/idle} run
 * as a separate process (a fresh JVM on the archive's class path only, never the test's). Each run starts in a
 * working folder of its own and with a controlled environment: JAVA_HOME is the JDK running the test, IDLE_JAVA_OPTS
 * is unset unless given. A run that does not end within a generous bound is killed and fails the test (a guard
 * against a hanging build, not a timing assertion). Not thread-safe; one per test.
 */
final class UnpackedDistribution {
    private static final long RUN_BOUND_MINUTES = 3;

    private final Path home;

    private UnpackedDistribution(Path home) {
        this.home = home;
    }

    /** Unpacks {@code tarGz} into the empty folder {@code into}; the archive's single top folder is the home. */
    static UnpackedDistribution unpack(Path tarGz, Path into) throws IOException, InterruptedException {
        Result untar = run(List.of("tar", "-xzf", tarGz.toString(), "-C", into.toString()), into, Map.of());
        if (untar.exitCode() != 0) {
            throw new IllegalStateException("tar failed: " + untar);
        }
        try (var top = Files.list(into)) {
            List<Path> folders = top.toList();
            if (folders.size() != 1 || !Files.isDirectory(folders.get(0))) {
                throw new IllegalStateException("expected one top folder in " + tarGz + ", found " + folders);
            }
            return new UnpackedDistribution(folders.get(0));
        }
    }

    Path home() {
        return home;
    }

    /** Runs {@code bin/idle args} with {@code workDir} as the current folder. */
    Result idle(Path workDir, String... args) throws IOException, InterruptedException {
        return launch(home.resolve("bin/idle"), workDir, Map.of("JAVA_HOME", javaHome()), args);
    }

    /** Runs the launcher at {@code launcher} (e.g. a symbolic link to bin/idle) with the given extra environment. */
    Result launch(Path launcher, Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return run(command, workDir, env);
    }

    /** The JDK running this test: the archive is run on the same Java as the build. */
    static String javaHome() {
        return System.getProperty("java.home");
    }

    private static Result run(List<String> command, Path workDir, Map<String, String> env)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("IDLE_JAVA_OPTS");
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(RUN_BOUND_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not end within " + RUN_BOUND_MINUTES + " minutes");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** A finished run: exit code, standard output, standard error. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
