package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 3 and 4 through the command line: hostile workflow, request, host and plan files end in exit 2 with
 * {@code file:line:column} and the limit or rule, before anything runs.
 */
class HostileInputCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path workflow;
    private Path request;
    private Path host;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @BeforeEach
    void files() throws IOException {
        workflow = write("leaver.psd1", """
                @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'
                                 With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'} } ) }
                """);
        request = write("request.json", """
                { "LifecycleEvent": "Leaver", "identityKeys": { "Id": "jdoe" }, "intent": { "n": 1 } }
                """);
        write("state.json", """
                { "identities": { "jdoe": { "enabled": true, "attributes": {}, "entitlements": [],
                  "sessions": [ { "id": "s1", "client": "Outlook" } ] } } }
                """);
        host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
    }

    private int sessions() throws IOException {
        return JSON.readTree(dir.resolve("state.json").toFile()).at("/identities/jdoe/sessions").size();
    }

    @Test
    void deeplyNestedWorkflowExitsTwoNamingTheNestingLimit() throws IOException {
        Path deep = write("deep.psd1", "@{ Name = " + "@(".repeat(50_000) + ")".repeat(50_000) + " }");
        CliRun run = CliRun.of("validate", deep.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(deep + ":1:137: nesting deeper than 64 levels (limit maxNestingDepth)");
    }

    @Test
    void hugeExponentInRequestExitsTwoInsteadOfBecomingNull() throws IOException {
        Path bad = write("bad.json", "{ \"LifecycleEvent\": \"Leaver\", \"identityKeys\": { \"Id\": \"jdoe\" },\n"
                + "  \"intent\": { \"n\": 1e999999999 } }");
        CliRun run = CliRun.of("plan", "--workflow", workflow.toString(), "--request", bad.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ":2:20: number 1e999999999 is not a finite double (I-JSON, RFC 7493)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void loneSurrogateInRequestExitsTwoBeforeAnySideEffect() throws IOException {
        Path bad = write("bad.json", "{ \"LifecycleEvent\": \"Leaver\", \"identityKeys\": { \"Id\": \"jdoe\" },\n"
                + "  \"intent\": { \"n\": \"x\\ud800\" } }");
        Path events = dir.resolve("events.jsonl");
        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", bad.toString(),
                "--host", host.toString(), "--events", events.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ":2:20: invalid text: lone UTF-16 surrogate \\ud800");
        assertThat(events).doesNotExist();
        assertThat(sessions()).isEqualTo(1);
    }

    @Test
    void oversizedHostFileExitsTwoNamingTheFileLimit() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(50L * 1024 * 1024);
        }
        CliRun run = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", big.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(big + ": file of 52428800 bytes is larger than 4194304 bytes"
                + " (limit maxFileBytes)");
    }

    @Test
    void planWithOneWrittenAsOnePointZeroExitsTwoAndRunsNothing() throws IOException {
        Path plan = dir.resolve("plan.json");
        CliRun exported = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--out", plan.toString());
        assertThat(exported.exit()).as(exported.err()).isZero();
        String original = Files.readString(plan);
        assertThat(original).contains("\"n\": 1\n");
        Path edited = write("edited.json", original.replace("\"n\": 1\n", "\"n\": 1.0\n"));

        CliRun run = CliRun.of("invoke", "--plan", edited.toString(), "--host", host.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).containsPattern(java.util.regex.Pattern.quote(edited.toString())
                + ":\\d+:\\d+: number 1.0 is not written as the exporter writes it \\(1\\): the plan was edited");
        assertThat(run.out()).isEmpty();
        assertThat(sessions()).isEqualTo(1);
    }

    @Test
    void limitOptionChangesALimitForThisRunOnlyAndLeavesTheProcessDefaultsAlone() throws IOException {
        Path nested = write("nested.json", "{ \"Name\": \"x\", \"a\": " + "[".repeat(10) + "]".repeat(10) + " }");
        CliRun lowered = CliRun.of("validate", nested.toString(), "--limit", "maxNestingDepth=5");
        assertThat(lowered.exit()).isEqualTo(2);
        assertThat(lowered.err()).contains("nesting deeper than 5 levels (limit maxNestingDepth)");
        assertThat(dev.idle.api.InputLimits.current()).isEqualTo(dev.idle.api.InputLimits.defaults());
        CliRun defaults = CliRun.of("validate", nested.toString());
        assertThat(defaults.err()).doesNotContain("maxNestingDepth");
    }

    @Test
    void unknownLimitNameIsAUsageErrorListingTheKnownNames() {
        CliRun run = CliRun.of("--limit", "maxDepth=5", "validate", workflow.toString());
        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).contains("--limit: unknown input limit 'maxDepth'").contains("maxNestingDepth");
    }
}
