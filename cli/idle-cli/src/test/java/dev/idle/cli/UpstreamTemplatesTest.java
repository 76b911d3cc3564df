package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.testkit.UpstreamCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IdLE's own template workflows plan and run on mock providers standing in for AD, Entra ID, Exchange Online and
 * Entra Connect (examples/upstream-templates), unchanged or as the corrected copies listed there.
 */
class UpstreamTemplatesTest {
    static final Path TEMPLATES = ValidateCommandTest.UPSTREAM.resolve("templates");
    static final Path EXAMPLES = Path.of("..", "..", "examples", "upstream-templates");

    /** Steps that must report a change on the seeded host: proof that the intent data reached the providers. */
    private static final Map<String, List<String>> CHANGED = Map.of(
            "ad-joiner-entraconnect-entraid", List.of("Create AD account", "Trigger Entra Connect Delta Sync",
                    "Assign Entra ID group membership"),
            "ad-joiner", List.of("Create identity (if missing)", "Ensure core attributes",
                    "Ensure baseline group membership (1)", "Ensure baseline group membership (2)"),
            "ad-leaver", List.of("Disable identity", "Stamp offboarding attributes",
                    "Prune group memberships (leaver)", "Move to Disabled OU (optional)"),
            "directorysync-entraconnect-trigger-sync", List.of("TriggerEntraConnectSync"),
            "entraid-exo-leaver", List.of("ConvertToSharedMailbox", "EnableOutOfOffice", "RevokeAllGroupMemberships",
                    "ClearManager", "DisableEntraIDAccount"),
            "entraid-joiner", List.of("CreateEntraIDUser", "AddToAllEmployeesGroup"),
            "entraid-leaver", List.of("DisableAccount", "RevokeActiveSessions", "StampOffboardingMarker",
                    "PruneGroupMemberships_Optional", "PruneAdministrativeUnitMemberships_Optional"),
            "exo-joiner", List.of(),
            "exo-leaver", List.of("ConvertToSharedMailbox", "EnableOutOfOfficeWithManagerContact"));

    static Stream<String> templates() throws IOException {
        UpstreamCorpus.require(TEMPLATES);
        try (Stream<Path> s = Files.list(TEMPLATES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".psd1"))
                    .map(n -> n.substring(0, n.length() - ".psd1".length())).sorted().toList().stream();
        }
    }

    private static Path workflow(String name) {
        Path corrected = EXAMPLES.resolve("corrected").resolve(name + ".psd1");
        return Files.exists(corrected) ? corrected : TEMPLATES.resolve(name + ".psd1");
    }

    @Test
    void everyTemplateHasARequestAndExpectations() throws IOException {
        List<String> names = templates().toList();
        assertThat(names).isNotEmpty();
        assertThat(CHANGED.keySet()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(names).allSatisfy(n -> assertThat(EXAMPLES.resolve("requests").resolve(n + ".json")).exists());
    }

    @ParameterizedTest
    @MethodSource("templates")
    void upstreamTemplatePlansAndRunsToCompletionOnTheMock(String name) throws IOException {
        String wf = workflow(name).toString();
        String request = EXAMPLES.resolve("requests").resolve(name + ".json").toString();
        String host = EXAMPLES.resolve("host.yaml").toString();

        CliRun plan = CliRun.of("plan", "--workflow", wf, "--request", request, "--host", host);
        CliRun run = CliRun.of("invoke", "--workflow", wf, "--request", request, "--host", host);

        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("status").asText()).isEqualTo("Completed");
        List<String> changed = new ArrayList<>();
        for (JsonNode step : result.get("steps")) {
            assertThat(step.get("status").asText()).as(step.get("name").asText()).isIn("Completed", "NotApplicable");
            if (step.get("changed").asBoolean()) {
                changed.add(step.get("name").asText());
            }
        }
        assertThat(changed).containsAll(CHANGED.get(name));
    }
}
