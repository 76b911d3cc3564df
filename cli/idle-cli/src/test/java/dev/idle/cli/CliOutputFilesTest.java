package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.LineFile;
import dev.idle.cli.spi.CommandPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What the CLI promises about its outputs: every output path is checked and opened before any side effect (exit 2,
 * the mock's state untouched); a run whose result, events or stdout cannot be written completely exits 5 and, where
 * the result can be written, says so under {@code outputErrors}; devices are written through, never replaced; an
 * {@link Error} ends in one line. Devices and FIFOs are made inside the temp folder (mknod needs root, as in CI).
 */
class CliOutputFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = """
            { "identities": { "jdoe": { "enabled": true, "attributes": {}, "entitlements": [],
              "sessions": [ { "id": "s1", "client": "Outlook" } ] } } }
            """;

    @TempDir
    Path dir;

    private Path workflow;
    private Path request;
    private Path host;
    private Path state;

    @BeforeEach
    void files() throws IOException {
        workflow = Files.writeString(dir.resolve("leaver.psd1"), """
                @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'
                   Steps = @(
                     @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'jdoe' } }
                     @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'; With = @{ IdentityKey = 'jdoe' } }
                   ) }
                """);
        request = Files.writeString(dir.resolve("request.json"), "{ \"LifecycleEvent\": \"Leaver\" }");
        host = Files.writeString(dir.resolve("host.yaml"),
                "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
        state = Files.writeString(dir.resolve("state.json"), STATE);
        // an old time stamp: a write by the run would change it
        Files.setLastModifiedTime(state, FileTime.fromMillis(1_000_000_000_000L));
    }

    private String[] invoke(String... outputs) {
        return Stream.concat(Stream.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString()), Stream.of(outputs)).toArray(String[]::new);
    }

    private void assertStateUntouched() throws IOException {
        assertThat(state).hasContent(STATE);
        assertThat(Files.getLastModifiedTime(state).toMillis()).isEqualTo(1_000_000_000_000L);
    }

    private void assertRunTookEffect() throws IOException {
        assertThat(JSON.readTree(state.toFile()).at("/identities/jdoe/enabled").asBoolean()).isFalse();
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static int fileType(Path p) throws IOException {
        return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
    }

    /** Runs {@code cmd} (mknod, mkfifo) on a path in the temp folder; skips the test when it cannot. */
    private static void make(String why, String... cmd) throws Exception {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        assumeTrue(root || cmd[0].equals("mkfifo"), "needs root (as in CI): " + why);
        assumeTrue(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor() == 0, String.join(" ", cmd) + " failed here");
    }

    /** A run of the CLI whose {@code invoke} opens its events file with {@code events}. */
    private static CliRun withEvents(LineSink.Opener events, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == InvokeCommand.class ? cls.cast(new InvokeCommand(events))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        int code = IdleCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), List.of(), factory);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Writes {@code good} lines to a real file, then fails every further line as a full disk would. */
    static LineSink.Opener failingAfter(int good) {
        return file -> {
            LineFile real = LineFile.create(file);
            return new LineSink() {
                @Override
                public void writeLine(String line) throws IOException {
                    if (real.linesWritten() == good) {
                        throw new IOException("No space left on device");
                    }
                    real.writeLine(line);
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        };
    }

    @Test
    void anUnwritableEventsPathExitsTwoBeforeAnyProviderCall() throws IOException {
        Path events = dir.resolve("no-such-folder/events.jsonl");
        Path result = dir.resolve("result.json");

        CliRun run = CliRun.of(invoke("--events", events.toString(), "--result", result.toString()));

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(events + ": the output directory does not exist");
        assertStateUntouched();
        assertThat(result).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void anUnwritableResultPathExitsTwoBeforeAnyProviderCall() throws IOException {
        Path result = Files.createDirectories(dir.resolve("result.json"));
        Path events = dir.resolve("events.jsonl");

        CliRun run = CliRun.of(invoke("--result", result.toString(), "--events", events.toString()));

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(result + ": cannot write: it is a directory");
        assertStateUntouched();
        assertThat(events).doesNotExist();
    }

    @Test
    void aResultOnACharacterDeviceIsWrittenThroughNotReplaced() throws Exception {
        Path devNull = dir.resolve("null");
        make("mknod c", "mknod", devNull.toString(), "c", "1", "3");

        CliRun run = CliRun.of(invoke("--result", devNull.toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(fileType(devNull)).as("still a character device").isEqualTo(0020000);
    }

    @Test
    void aBlockDeviceAsAnOutputExitsTwoBeforeAnyProviderCall() throws Exception {
        Path loop = dir.resolve("loop");
        make("mknod b", "mknod", loop.toString(), "b", "7", "0");

        CliRun run = CliRun.of(invoke("--events", loop.toString()));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(loop + ": cannot write: it is a block device");
        assertStateUntouched();
    }

    @Test
    void eventsStreamThroughAFifoToItsReader() throws Exception {
        Path fifo = dir.resolve("events.pipe");
        make("mkfifo", "mkfifo", fifo.toString());
        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllLines(fifo, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        CliRun run = CliRun.of(invoke("--events", fifo.toString(), "--result", dir.resolve("r.json").toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(reader.get()).first().asString().contains("\"type\":\"RunStarted\"");
        assertThat(reader.get()).last().asString().contains("\"type\":\"RunCompleted\"");
    }

    @Test
    void resultAndEventsFilesAreOwnerOnly() throws IOException {
        Path result = dir.resolve("result.json");
        Path events = dir.resolve("events.jsonl");

        CliRun run = CliRun.of(invoke("--result", result.toString(), "--events", events.toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(mode(events)).isEqualTo("rw-------");
        assertThat(mode(result)).isEqualTo("rw-------");
    }

    @Test
    void anEventsWriteFailureMidwayLetsTheRunCompleteExitsFiveAndTheResultRecordsIt() throws IOException {
        Path result = dir.resolve("result.json");
        Path events = dir.resolve("events.jsonl");

        CliRun run = withEvents(failingAfter(2), invoke("--result", result.toString(), "--events", events.toString()));

        assertThat(run.exit()).as(run.err()).isEqualTo(IdleCli.OUTPUT_FAILED);
        assertThat(run.err()).contains(events + ": the events file is incomplete (2 lines written): "
                + "No space left on device");
        assertRunTookEffect();
        JsonNode r = JSON.readTree(result.toFile());
        assertThat(r.at("/status").asText()).isEqualTo("Completed");
        assertThat(r.at("/steps").size()).isEqualTo(2);
        assertThat(r.at("/outputErrors/0/output").asText()).isEqualTo("events");
        assertThat(r.at("/outputErrors/0/path").asText()).isEqualTo(events.toString());
        assertThat(r.at("/outputErrors/0/linesWritten").asInt()).isEqualTo(2);
        assertThat(r.at("/outputErrors/0/error").asText()).isEqualTo("No space left on device");
        assertThat(Files.readAllLines(events)).hasSize(2);
    }

    @Test
    void eventsOnAFullDeviceLetTheRunCompleteAndExitFive() throws Exception {
        Path full = dir.resolve("full");
        make("mknod c (like /dev/full)", "mknod", full.toString(), "c", "1", "7");
        Path result = dir.resolve("result.json");

        CliRun run = CliRun.of(invoke("--events", full.toString(), "--result", result.toString()));

        assertThat(run.exit()).as(run.err()).isEqualTo(5);
        assertRunTookEffect();
        assertThat(JSON.readTree(result.toFile()).at("/outputErrors/0/linesWritten").asInt()).isZero();
    }

    @Test
    void aResultThatCannotBeWrittenAfterTheRunExitsFive() throws Exception {
        Path full = dir.resolve("full");
        make("mknod c (like /dev/full)", "mknod", full.toString(), "c", "1", "7");

        CliRun run = CliRun.of(invoke("--result", full.toString()));

        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.err()).contains(full + ": cannot write the result: ");
        assertRunTookEffect();
    }

    @Test
    void aPlanThatCannotBeWrittenExitsFiveAndAnUnwritableOutExitsTwo() throws Exception {
        Path missing = dir.resolve("no-such-folder/plan.json");
        CliRun refused = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--out", missing.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains(missing.toString());

        Path full = dir.resolve("full");
        make("mknod c (like /dev/full)", "mknod", full.toString(), "c", "1", "7");
        CliRun failed = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--out", full.toString());
        assertThat(failed.exit()).isEqualTo(5);
        assertThat(failed.err()).contains(full + ": cannot write the plan: ");
    }

    @Test
    void aFailedWriteToStdoutIsNotExitZero() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        StringWriter err = new StringWriter();

        int code = IdleCli.execute(invoke(), new PrintWriter(broken, true), new PrintWriter(err, true), List.of());

        assertThat(code).isEqualTo(IdleCli.OUTPUT_FAILED);
        assertThat(err.toString()).contains("idle: cannot write to standard output");
        assertRunTookEffect();
    }

    @Test
    void aTempFileAKilledRunLeftBesideTheStateFileIsRemovedByTheNextRun() throws IOException {
        Path leftover = Files.writeString(dir.resolve(".state.json.idle-0123456789abcdef.tmp"), "{ \"identities\"");

        CliRun run = CliRun.of(invoke("--result", dir.resolve("result.json").toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aThrowingEventSinkStillAbortsALibraryRunButTheCliEventsFileDoesNot() throws IOException {
        // the library keeps upstream's rule (ExecutorEventTest.aSinkThatFailsOnAnyOtherEventAbortsTheRun); the CLI's
        // events file is the tolerant one: a sink that throws a runtime failure is recorded like an I/O failure
        Path result = dir.resolve("result.json");
        LineSink.Opener throwing = file -> new LineSink() {
            @Override
            public void writeLine(String line) {
                throw new IllegalStateException("cannot encode the event");
            }

            @Override
            public void close() {
            }
        };

        CliRun run = withEvents(throwing, invoke("--result", result.toString(), "--events", "unused.jsonl"));

        assertThat(run.exit()).isEqualTo(5);
        assertRunTookEffect();
        assertThat(JSON.readTree(result.toFile()).at("/outputErrors/0/error").asText())
                .isEqualTo("cannot encode the event");
    }

    @Command(name = "overflow")
    static final class OverflowCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    @Test
    void anErrorEscapingACommandEndsInOneLineAndExitOne() {
        CommandPlugin plugin = () -> List.of(new OverflowCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = IdleCli.execute(new String[] {"overflow"}, new PrintWriter(out, true), new PrintWriter(err, true),
                List.of(plugin));

        assertThat(code).isEqualTo(IdleCli.INTERNAL_ERROR);
        assertThat(err.toString()).isEqualTo("idle: internal error: java.lang.StackOverflowError (nothing more was"
                + " written; run again with --debug for the stack trace)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }
}
