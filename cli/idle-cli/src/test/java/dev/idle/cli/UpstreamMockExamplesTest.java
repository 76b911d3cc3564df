package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.testkit.UpstreamCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** IdLE's own mock example workflows plan and run unchanged on the mock provider. */
class UpstreamMockExamplesTest {
    static final Path MOCK = ValidateCommandTest.UPSTREAM.resolve("mock");
    static final Path EXAMPLES = Path.of("..", "..", "examples", "upstream-mock");

    static Stream<Path> workflows() throws IOException {
        UpstreamCorpus.require(MOCK);
        try (Stream<Path> s = Files.list(MOCK)) {
            return s.filter(p -> p.toString().endsWith(".psd1")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void upstreamMockExamplePlansAndRunsToCompletion(Path workflow) throws IOException {
        String request = EXAMPLES.resolve("joiner-request.json").toString();
        String host = EXAMPLES.resolve("host.yaml").toString();

        CliRun plan = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request, "--host", host);
        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request, "--host", host);

        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("status").asText()).isEqualTo("Completed");
        for (JsonNode step : result.get("steps")) {
            assertThat(step.get("status").asText()).isIn("Completed", "NotApplicable");
        }
    }
}
