package dev.idle.provider.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows of {@code examples/keycloak} run through the {@code idle} command line (a child JVM, as a user runs
 * it, with the client secret in the environment variable the example host file names) against a real Keycloak.
 *
 * <p>Revocation is proven with the revoke-only workflow, because a disabled user's refresh fails anyway: the user
 * stays enabled, yet both refresh tokens issued before the run are rejected with {@code invalid_grant}. The Leaver
 * (disable + revoke) is shown separately.
 */
@ExtendWith(RealKeycloak.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakCliWorkflowTest {
    static final String USER = "jdoe";
    static final Path EXAMPLES = Path.of(System.getProperty("idle.examples.dir", "../../examples/keycloak"));

    @TempDir
    static Path work;
    static Path host;
    static String userId;

    @BeforeAll
    static void setUp() throws IOException {
        RealKeycloak.Fixture kc = RealKeycloak.fixture();
        String text = Files.readString(EXAMPLES.resolve("host.yaml"), StandardCharsets.UTF_8);
        assertThat(text).contains("baseUrl: http://127.0.0.1:8080").contains("env: IDLE_KEYCLOAK_CLIENT_SECRET");
        host = work.resolve("host.yaml");
        Files.writeString(host, text.replace("http://127.0.0.1:8080", kc.server.baseUrl()), StandardCharsets.UTF_8);
        userId = kc.createUser(USER);
    }

    @Test
    @Order(1)
    void revokeOnlyWorkflowMakesBothOldRefreshTokensInvalidWhileTheUserStaysEnabled() throws Exception {
        RealKeycloak.Fixture kc = RealKeycloak.fixture();
        String first = kc.login(USER, false).body().path("refresh_token").asText();
        String second = kc.login(USER, false).body().path("refresh_token").asText();
        assertThat(kc.sessionCount(userId)).isEqualTo(2);
        assertThat(kc.refresh(first).status()).as("refresh before revocation").isEqualTo(200);

        JsonNode run = invoke("revoke-sessions.psd1");
        assertThat(run.path("status").asText()).isEqualTo("Completed");
        assertThat(changes(run)).containsExactly(Map.entry("Revoke sign-in sessions", true));

        assertThat(kc.user(USER).path("enabled").asBoolean()).as("user still enabled").isTrue();
        assertThat(kc.sessionCount(userId)).isZero();
        for (String token : List.of(first, second)) {
            KeycloakServer.Token t = kc.refresh(token);
            assertThat(t.status()).isEqualTo(400);
            assertThat(t.error()).isEqualTo("invalid_grant");
        }

        JsonNode again = invoke("revoke-sessions.psd1");
        assertThat(again.path("status").asText()).isEqualTo("Completed");
        assertThat(changes(again)).containsExactly(Map.entry("Revoke sign-in sessions", false));
    }

    @Test
    @Order(2)
    void leaverDisablesAndRevokesThenReportsNoChangeOnTheSecondRun() throws Exception {
        RealKeycloak.Fixture kc = RealKeycloak.fixture();
        String first = kc.login(USER, false).body().path("refresh_token").asText();
        String second = kc.login(USER, false).body().path("refresh_token").asText();
        assertThat(kc.sessionCount(userId)).isEqualTo(2);

        JsonNode run = invoke("leaver.psd1");
        assertThat(run.path("status").asText()).isEqualTo("Completed");
        assertThat(changes(run)).containsExactly(Map.entry("Disable account", true),
                Map.entry("Revoke sign-in sessions", true));
        assertThat(kc.user(USER).path("enabled").asBoolean()).isFalse();
        for (String token : List.of(first, second)) {
            KeycloakServer.Token t = kc.refresh(token);
            assertThat(t.status()).isEqualTo(400);
            assertThat(t.error()).isEqualTo("invalid_grant");
        }

        JsonNode again = invoke("leaver.psd1");
        assertThat(changes(again)).containsExactly(Map.entry("Disable account", false),
                Map.entry("Revoke sign-in sessions", false));
    }

    @Test
    @Order(3)
    void aMissingSecretFailsTheStepWithoutLeakingAnything() throws Exception {
        Cli cli = cli("revoke-sessions.psd1", null);
        assertThat(cli.exit()).isEqualTo(3);
        JsonNode step = cli.result().path("steps").get(0);
        assertThat(step.path("status").asText()).isEqualTo("Failed");
        assertThat(step.path("error").toString()).contains("IDLE_KEYCLOAK_CLIENT_SECRET").contains("not set");
    }

    private static Map<String, Boolean> changes(JsonNode result) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        result.path("steps").forEach(s -> m.put(s.path("name").asText(), s.path("changed").asBoolean()));
        return m;
    }

    private static JsonNode invoke(String workflow) throws Exception {
        Cli cli = cli(workflow, RealKeycloak.fixture().engineSecret);
        assertThat(cli.exit()).as("exit code; stderr: %s; result: %s", cli.err(), cli.result()).isZero();
        assertThat(cli.out() + cli.err() + cli.result().toString() + cli.events())
                .as("secret never printed").doesNotContain(RealKeycloak.fixture().engineSecret);
        return cli.result();
    }

    record Cli(int exit, String out, String err, JsonNode result, String events) {
    }

    /** {@code idle invoke} in a child JVM, the client secret in its environment (or unset when null). */
    private static Cli cli(String workflow, String secret) throws IOException, InterruptedException {
        Path result = Files.createTempFile(work, "result", ".json");
        Path events = Files.createTempFile(work, "events", ".jsonl");
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "dev.idle.cli.IdleCli", "invoke",
                "--workflow", EXAMPLES.resolve(workflow).toString(),
                "--request", EXAMPLES.resolve("request.json").toString(),
                "--host", host.toString(), "--result", result.toString(), "--events", events.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("IDLE_KEYCLOAK_CLIENT_SECRET");
        if (secret != null) {
            pb.environment().put("IDLE_KEYCLOAK_CLIENT_SECRET", secret);
        }
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("idle invoke did not finish in 180 s");
        }
        String resultText = Files.readString(result, StandardCharsets.UTF_8);
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err),
                KeycloakServer.parse(resultText.isBlank() ? null : resultText),
                Files.readString(events, StandardCharsets.UTF_8));
    }
}
