package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.testkit.UpstreamCorpus;
import dev.idle.winrmsim.RequestRecord;
import dev.idle.winrmsim.WinRmSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IdLE's template {@code directorysync-entraconnect-trigger-sync.psd1} runs through the CLI with the
 * {@code entraconnect} provider (examples/entraconnect/host.yaml, credential from files) against the WinRM simulator.
 */
class EntraConnectTemplateTest {
    static final Path TEMPLATE = ValidateCommandTest.UPSTREAM.resolve("templates")
            .resolve("directorysync-entraconnect-trigger-sync.psd1");
    static final Path EXAMPLE = Path.of("..", "..", "examples", "entraconnect");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    WinRmSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** Starts the simulator with the example account and writes a host file pointing at it into the temp folder. */
    private Path hostFor(int cyclePolls, boolean stuck) throws IOException {
        UpstreamCorpus.require(TEMPLATE);
        String user = Files.readString(EXAMPLE.resolve("secrets/entraconnect.user")).strip();
        String password = Files.readString(EXAMPLE.resolve("secrets/entraconnect.password")).strip();
        sim = WinRmSimulator.builder().user(user, password).cyclePolls(cyclePolls)
                .workDirectory(dir.resolve("simulator")).build().start();
        sim.entraConnect().stuck(stuck);
        Files.createDirectories(dir.resolve("secrets"));
        for (String f : List.of("entraconnect.user", "entraconnect.password")) {
            Files.copy(EXAMPLE.resolve("secrets").resolve(f), dir.resolve("secrets").resolve(f));
        }
        String host = Files.readString(EXAMPLE.resolve("host.yaml"), StandardCharsets.UTF_8)
                .replace("https://127.0.0.1:15986/wsman", sim.endpoint().toString());
        Path file = dir.resolve("host.yaml");
        Files.writeString(file, host, StandardCharsets.UTF_8);
        return file;
    }

    /** The template with its wait settings replaced: the test workflow copy. */
    private Path templateCopy(int timeoutSeconds, int pollIntervalSeconds) throws IOException {
        String text = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
        String copy = text.replaceFirst("TimeoutSeconds\\s*=\\s*300", "TimeoutSeconds      = " + timeoutSeconds)
                .replaceFirst("PollIntervalSeconds\\s*=\\s*10", "PollIntervalSeconds = " + pollIntervalSeconds);
        assertThat(copy).isNotEqualTo(text);
        Path file = dir.resolve("trigger-sync-short-wait.psd1");
        Files.writeString(file, copy, StandardCharsets.UTF_8);
        return file;
    }

    private CliRun invoke(Path workflow, Path host, Path events) {
        return CliRun.of("invoke", "--workflow", workflow.toString(), "--request",
                EXAMPLE.resolve("request.json").toString(), "--host", host.toString(), "--events", events.toString());
    }

    private static List<JsonNode> syncEvents(Path events) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            JsonNode e = JSON.readTree(line);
            if (e.get("type").asText().startsWith("DirectorySync")) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    @Test
    void templateUnchangedCompletesWithChangedTrueAndTheDirectorySyncEvents() throws IOException {
        Path host = hostFor(0, false);
        Path events = dir.resolve("events.jsonl");

        CliRun run = invoke(TEMPLATE, host, events);

        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("status").asText()).isEqualTo("Completed");
        JsonNode step = result.get("steps").get(0);
        assertThat(step.get("name").asText()).isEqualTo("TriggerEntraConnectSync");
        assertThat(step.get("changed").asBoolean()).isTrue();
        List<JsonNode> sync = syncEvents(events);
        assertThat(types(sync)).containsExactly("DirectorySyncTriggered", "DirectorySyncWaiting", "DirectorySyncPoll",
                "DirectorySyncCompleted");
        assertThat(sync.get(0).get("message").asText()).isEqualTo("Triggering Delta sync cycle");
        assertThat(sync.get(1).get("message").asText())
                .isEqualTo("Waiting for sync cycle to complete (timeout: 300s)");
        assertThat(sync.get(2).get("message").asText()).isEqualTo("Poll attempt 1 - State: Idle");
        assertThat(sync.get(3).get("message").asText()).isEqualTo("Sync cycle completed");
        assertThat(sim.entraConnect().startedCycles()).containsExactly("Delta");
        assertThat(sim.openShells()).isZero();
        assertThat(sim.requests()).extracting(RequestRecord::line).noneMatch(l -> l.contains("Example-Only"));
    }

    @Test
    void cycleInProgressForTwoPollsIsWaitedForAndCompletes() throws IOException {
        Path host = hostFor(2, false);
        Path events = dir.resolve("events.jsonl");

        CliRun run = invoke(templateCopy(30, 1), host, events);

        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        assertThat(JSON.readTree(run.out()).get("steps").get(0).get("changed").asBoolean()).isTrue();
        List<JsonNode> sync = syncEvents(events);
        assertThat(types(sync)).containsExactly("DirectorySyncTriggered", "DirectorySyncWaiting", "DirectorySyncPoll",
                "DirectorySyncPoll", "DirectorySyncPoll", "DirectorySyncCompleted");
        assertThat(sync.get(2).get("message").asText()).isEqualTo("Poll attempt 1 - State: InProgress");
        assertThat(sync.get(4).get("message").asText()).isEqualTo("Poll attempt 3 - State: Idle");
        assertThat(sim.shellsCreated()).isEqualTo(4);
        assertThat(sim.shellsDeleted()).isEqualTo(4);
    }

    @Test
    void cycleStuckInProgressPastTheTimeoutFailsTheStepNamingTheTimeout() throws IOException {
        Path host = hostFor(0, true);
        Path events = dir.resolve("events.jsonl");

        CliRun run = invoke(templateCopy(2, 1), host, events);

        assertThat(run.exit()).as(run.err() + run.out()).isEqualTo(IdleCli.RUN_FAILED);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("status").asText()).isEqualTo("Failed");
        JsonNode step = result.get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("Failed");
        assertThat(step.get("error").asText()).isEqualTo("TriggerDirectorySync: Timeout waiting for sync cycle to "
                + "complete after 2s. Last known state: InProgress");
        List<JsonNode> sync = syncEvents(events);
        assertThat(types(sync)).startsWith("DirectorySyncTriggered", "DirectorySyncWaiting", "DirectorySyncPoll")
                .endsWith("DirectorySyncFailed");
        assertThat(sync.get(sync.size() - 1).get("message").asText()).isEqualTo("Sync cycle wait timeout after 2s");
        assertThat(sim.openShells()).isZero();
    }

    @Test
    void accountWithoutAdSyncRightsFailsTheStepWithThePrivilegeMessage() throws IOException {
        Path host = hostFor(0, false);
        sim.entraConnect().accessDenied(true);
        Path events = dir.resolve("events.jsonl");

        CliRun run = invoke(TEMPLATE, host, events);

        assertThat(run.exit()).as(run.err() + run.out()).isEqualTo(IdleCli.RUN_FAILED);
        JsonNode step = JSON.readTree(run.out()).get("steps").get(0);
        assertThat(step.get("error").asText()).startsWith("Failed to start sync cycle. Missing privileges or "
                + "elevation. The AuthSession must provide an elevated execution context. Original error:");
        assertThat(types(syncEvents(events))).containsExactly("DirectorySyncTriggered", "DirectorySyncFailed");
    }
}
