package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/full-leaver: every leaver effect lands in the mock's state file, and a second run changes nothing. */
class FullLeaverTest {
    private static final Path EXAMPLE = Path.of("..", "..", "examples", "full-leaver");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode invoke() throws IOException {
        CliRun run = CliRun.of("invoke", "--workflow", dir.resolve("leaver.psd1").toString(),
                "--request", dir.resolve("request.json").toString(), "--host", dir.resolve("host.yaml").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void completeLeaverShowsEveryEffectInTheStateFileAndASecondRunChangesNothing() throws IOException {
        for (String f : List.of("leaver.psd1", "request.json", "host.yaml")) {
            Files.copy(EXAMPLE.resolve(f), dir.resolve(f));
        }
        Files.copy(EXAMPLE.resolve("seed-state.json"), dir.resolve("state.json"));

        JsonNode first = invoke();

        assertThat(first.get("status").asText()).isEqualTo("Completed");
        assertThat(first.get("steps")).hasSize(6).allSatisfy(s -> {
            assertThat(s.get("status").asText()).as(s.get("name").asText()).isEqualTo("Completed");
            assertThat(s.get("changed").asBoolean()).as(s.get("name").asText()).isTrue();
        });
        JsonNode jdoe = JSON.readTree(dir.resolve("state.json").toFile()).at("/identities/jdoe");
        assertThat(jdoe.get("enabled").asBoolean()).isFalse();
        assertThat(jdoe.get("sessions")).isEmpty();
        List<String> groups = new ArrayList<>();
        jdoe.get("entitlements").forEach(e -> groups.add(e.get("id").asText()));
        assertThat(groups).containsExactly("grp-leavers");
        assertThat(jdoe.get("container").asText()).isEqualTo("OU=Leavers,DC=example,DC=com");
        assertThat(jdoe.at("/mailbox/type").asText()).isEqualTo("Shared");
        assertThat(jdoe.at("/mailbox/outOfOffice/mode").asText()).isEqualTo("Enabled");
        assertThat(jdoe.at("/mailbox/outOfOffice/internalMessage").asText()).contains("mmiller@example.com");

        JsonNode second = invoke();

        assertThat(second.get("status").asText()).isEqualTo("Completed");
        assertThat(second.get("steps")).hasSize(6).allSatisfy(s ->
                assertThat(s.get("changed").asBoolean()).as(s.get("name").asText()).isFalse());
    }
}
