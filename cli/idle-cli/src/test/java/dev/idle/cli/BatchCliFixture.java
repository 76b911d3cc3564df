package dev.idle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Files for the {@code idle batch} tests of the blast-radius guard and of re-runs: a folder with a mock host whose
 * state file the test seeds and inspects, request lines, and the records of a results file in input order.
 */
final class BatchCliFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Disables the identity only when the request's intent says {@code Leave = yes}; announces every request. */
    static final String CONDITIONAL_LEAVER = """
            @{ Name = 'Maybe leaver'; LifecycleEvent = 'Leaver'
               Steps = @(
                 @{ Name = 'Note'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'seen {{Request.IdentityKeys.Id}}' } }
                 @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
                    Condition = @{ Equals = @{ Path = 'Request.Intent.Leave'; Value = 'yes' } } } ) }
            """;

    final Path dir;
    final Path workflow;
    final Path host;

    BatchCliFixture(Path dir) throws IOException {
        this.dir = dir;
        this.workflow = Path.of("..", "..", "docs", "examples", "leaver.psd1");
        this.host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Seeds the mock with {@code keys}, each enabled with one session. */
    void identities(String... keys) throws IOException {
        ObjectNode all = JSON.createObjectNode();
        for (String key : keys) {
            ObjectNode user = all.putObject(key);
            user.put("enabled", true);
            user.putObject("attributes");
            user.putArray("entitlements");
            user.putArray("sessions").addObject().put("id", "s-" + key).put("client", "Teams");
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("identities", all);
        Files.writeString(dir.resolve("state.json"), JSON.writeValueAsString(root));
    }

    JsonNode state() throws IOException {
        return JSON.readTree(dir.resolve("state.json").toFile());
    }

    boolean enabled(String key) throws IOException {
        return state().at("/identities/" + key + "/enabled").asBoolean();
    }

    /** A Leaver request line for identity {@code key}; {@code leave} null leaves the intent out. */
    static String request(String key, String leave) {
        return "{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"c-" + key + "\",\"identityKeys\":{\"Id\":\"" + key
                + "\"}" + (leave == null ? "" : ",\"intent\":{\"Leave\":\"" + leave + "\"}") + "}\n";
    }

    /** The records of a results file (or of stdout's text), sorted by index. */
    static List<JsonNode> records(String lines) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        out.sort(Comparator.comparingInt(r -> r.get("index").asInt()));
        return out;
    }

    static List<JsonNode> records(Path file) throws IOException {
        return records(Files.readString(file));
    }

    CliRun batch(Path workflowFile, String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", "--workflow", workflowFile.toString(), "--host",
                host.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    CliRun batchFromStdin(Path workflowFile, String stdin, String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", "--workflow", workflowFile.toString(), "--host",
                host.toString(), "--requests", "-"));
        args.addAll(List.of(extra));
        return BatchCommandTest.withSeams(LineSink.LINE_FILES, BatchCommandTest.stdin(stdin),
                args.toArray(String[]::new));
    }
}
