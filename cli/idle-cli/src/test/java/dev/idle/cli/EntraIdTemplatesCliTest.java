package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RequestRecord;
import dev.idle.graphsim.RetryAfterRecord;
import dev.idle.testkit.UpstreamCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IdLE's Entra ID templates through the CLI against the Graph simulator, with {@code examples/entraid/host.yaml}
 * (ClientSecret credentials read from environment variables). The CLI runs in a child JVM so that the secrets can be
 * given the way an operator gives them: in the process environment.
 */
class EntraIdTemplatesCliTest {
    private static final Path EXAMPLE = Path.of("..", "..", "examples", "entraid");
    private static final Path TEMPLATES = Path.of("..", "..", "..", "shared", "upstream-workflows", "templates");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "contoso-tenant";
    private static final Map<String, String> SECRETS = Map.of(
            "IDLE_GRAPH_CLIENT_SECRET", "cli-Provider-Secret-8f2a",
            "IDLE_GRAPH_ADMIN_SECRET", "cli-Admin-Secret-41c9",
            "IDLE_GRAPH_TIER0_SECRET", "cli-Tier0-Secret-77d0");

    @TempDir
    Path dir;
    private GraphSimulator sim;

    @BeforeEach
    void startSimulator() {
        sim = GraphSimulator.builder().build().start();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private void registerApps(Set<String> adminRoles) {
        sim.registerApp(TENANT, "idle-provider", SECRETS.get("IDLE_GRAPH_CLIENT_SECRET"));
        sim.registerApp(TENANT, "idle-admin", SECRETS.get("IDLE_GRAPH_ADMIN_SECRET"), adminRoles);
        sim.registerApp(TENANT, "idle-tier0", SECRETS.get("IDLE_GRAPH_TIER0_SECRET"));
    }

    /** The example host with the simulator's port and trust store (written once per test; a test may edit it). */
    private Path host() throws IOException {
        if (Files.exists(dir.resolve("host.yaml"))) {
            return dir.resolve("host.yaml");
        }
        String yaml = Files.readString(EXAMPLE.resolve("host.yaml"))
                .replace("https://127.0.0.1:8443", "https://127.0.0.1:" + sim.port())
                .replace(".graphsim/truststore.p12", sim.trustStore().toAbsolutePath().toString().replace('\\', '/'));
        Path host = dir.resolve("host.yaml");
        Files.writeString(host, yaml);
        return host;
    }

    record Run(int exit, String out, String err, JsonNode result, List<String> events) {
        String everything() {
            return out + "\n" + err + "\n" + result + "\n" + String.join("\n", events);
        }
    }

    private Run invoke(Path workflow, Path request, String... globalOptions) throws Exception {
        Path result = dir.resolve("result.json");
        Path events = dir.resolve("events.jsonl");
        Files.deleteIfExists(result);
        Files.deleteIfExists(events);
        List<String> args = new ArrayList<>(List.of(globalOptions));
        args.addAll(List.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(), "--host",
                host().toString(), "--result", result.toString(), "--events", events.toString()));
        Process p = cli(args);
        String out = Files.readString(dir.resolve("stdout.txt"));
        String err = Files.readString(dir.resolve("stderr.txt"));
        JsonNode r = Files.exists(result) ? JSON.readTree(result.toFile()) : null;
        List<String> ev = Files.exists(events) ? Files.readAllLines(events, StandardCharsets.UTF_8) : List.of();
        return new Run(p.exitValue(), out, err, r, ev);
    }

    @Test
    void aBatchUnderTheSimulatorsThrottleCompletesEveryRequestAndCountsThe429sItMet() throws Exception {
        registerApps(null);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String upn = "leaver" + i + "@contoso.example";
            sim.addSessions(sim.addUser(upn, "Leaver " + i), 1);
            lines.append("{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"b-").append(i)
                    .append("\",\"identityKeys\":{\"UserPrincipalName\":\"").append(upn).append("\"}}\n");
        }
        Path requests = Files.writeString(dir.resolve("leavers.jsonl"), lines);
        Path results = dir.resolve("results.jsonl");
        sim.throttle(5, Duration.ofSeconds(1), Duration.ofSeconds(1)); // below the provider's default 20/s pace
        Process p = cli(List.of("batch", "--workflow", revokeOnlyWorkflow().toString(), "--host", host().toString(),
                "--requests", requests.toString(), "--results", results.toString(), "--concurrency", "8"));
        String err = Files.readString(dir.resolve("stderr.txt"));

        assertThat(p.exitValue()).as(err).isZero();
        List<String> records = Files.readAllLines(results, StandardCharsets.UTF_8);
        assertThat(records).hasSize(30).allSatisfy(r -> assertThat(r).contains("\"status\":\"Completed\""));
        long met = sim.tooManyRequestsSent();
        assertThat(met).as("the throttle was hit").isPositive();
        assertThat(err).contains("30 Completed").contains("; throttled (429) " + met + (met == 1 ? " time" : " times"));
    }

    /** Runs the CLI in a child JVM with the secrets in its environment; stdout and stderr go to files in dir. */
    private Process cli(List<String> args) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(SECRETS);
        env.put("IDLE_GRAPHSIM_TRUSTSTORE_PASSWORD", new String(sim.trustStorePassword()));
        Process p = ChildCli.start(args, env, dir.resolve("stdout.txt"), dir.resolve("stderr.txt"));
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("CLI finished").isTrue();
        return p;
    }

    private List<String> log() {
        return sim.requestLog().stream().map(RequestRecord::line).toList();
    }

    private static Map<String, String> statuses(JsonNode result) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        result.get("steps").forEach(s -> m.put(s.get("name").asText(), s.get("status").asText()));
        return m;
    }

    private Map<String, String> seedLeaver() {
        String jdoe = sim.addUser("jdoe@contoso.example", "John Doe");
        String all = sim.addGroup("grp-all-employees");
        String finance = sim.addGroup("grp-finance");
        String leavers = sim.addGroup("grp-leavers");
        String auFinance = sim.addAdministrativeUnit("au-finance");
        String auRetained = sim.addAdministrativeUnit("au-retained");
        sim.addMember(all, jdoe);
        sim.addMember(finance, jdoe);
        sim.addMember(auFinance, jdoe);
        sim.addSessions(jdoe, 2);
        return Map.of("jdoe", jdoe, "grp-leavers", leavers, "au-retained", auRetained);
    }

    @Test
    void leaverTemplateDisablesRevokesSessionsAndPrunesThroughGraph() throws Exception {
        registerApps(null);
        Map<String, String> ids = seedLeaver();
        String jdoe = ids.get("jdoe");

        Run run = invoke(UpstreamCorpus.require(TEMPLATES).resolve("entraid-leaver.psd1"), EXAMPLE.resolve("leaver-request.json"));

        assertThat(run.exit()).as(run.err() + run.result()).isZero();
        assertThat(run.result().get("status").asText()).isEqualTo("Completed");
        assertThat(statuses(run.result())).containsEntry("DisableAccount", "Completed")
                .containsEntry("RevokeActiveSessions", "Completed")
                .containsEntry("StampOffboardingMarker", "Completed")
                .containsEntry("PruneGroupMemberships_Optional", "Completed")
                .containsEntry("PruneAdministrativeUnitMemberships_Optional", "Completed");
        List<String> log = log();
        assertThat(log).anyMatch(l -> l.startsWith("POST /v1.0/users/" + jdoe + "/revokeSignInSessions -> 200"));
        assertThat(log).anyMatch(l -> l.startsWith("PATCH /v1.0/users/" + jdoe + " -> 204"));
        assertThat(log).anyMatch(l -> l.startsWith("POST /v1.0/$batch -> 200"));
        assertThat(log).anyMatch(l -> l.contains("[$batch item") && l.contains("DELETE /v1.0/groups/"));
        assertThat(sim.sessionCount(jdoe)).isZero();
        Map<String, Object> user = sim.user(jdoe);
        assertThat(user.get("accountEnabled")).isEqualTo(false);
        assertThat(user.get("displayName")).isEqualTo("John Doe (LEAVER)");
        // keep-sets: grp-leavers and au-retained granted, everything else removed
        assertThat(sim.memberOf(jdoe)).containsExactlyInAnyOrder(ids.get("grp-leavers"), ids.get("au-retained"));
        // the Admin session (not the provider's default app) made the calls
        assertThat(sim.requestLog()).filteredOn(r -> r.target().startsWith("/v1.0/users/" + jdoe))
                .allSatisfy(r -> assertThat(r.clientId()).isEqualTo("idle-admin"));
        assertNoSecretIn(run);
    }

    @Test
    void joinerTemplateCreatesTheUserAndGrantsGroupsAndTheAdministrativeUnit() throws Exception {
        registerApps(null);
        sim.addGroup("grp-all-employees");
        sim.addGroup("grp-sales");
        sim.addAdministrativeUnit("au-sales");

        Run run = invoke(UpstreamCorpus.require(TEMPLATES).resolve("entraid-joiner.psd1"), EXAMPLE.resolve("joiner-request.json"));

        assertThat(run.exit()).as(run.err() + run.result()).isZero();
        assertThat(run.result().get("status").asText()).isEqualTo("Completed");
        assertThat(statuses(run.result()).values()).allMatch(s -> s.equals("Completed") || s.equals("NotApplicable")
                || s.equals("Skipped"));
        assertThat(statuses(run.result())).containsEntry("CreateEntraIDUser", "Completed")
                .containsEntry("AddToAllEmployeesGroup", "Completed")
                .containsEntry("AddToDepartmentAdministrativeUnit", "Completed");
        String id = (String) sim.user("ahall@contoso.example").get("id");
        List<String> log = log();
        assertThat(log).anyMatch(l -> l.startsWith("POST /v1.0/users -> 201"));
        assertThat(log).anyMatch(l -> l.matches("POST /v1\\.0/groups/[^/]+/members/\\$ref -> 204"));
        assertThat(log).anyMatch(l -> l.matches("POST /v1\\.0/directory/administrativeUnits/[^/]+/members/\\$ref -> 204"));
        assertThat(sim.memberOf(id)).hasSize(3);
        assertThat(sim.user(id).get("department")).isEqualTo("Sales");
        assertNoSecretIn(run);

        // a second run: the user exists and is a member everywhere, so nothing changes (EnsureEntitlement Present
        // for an existing member is a no-op instead of an error)
        Run again = invoke(UpstreamCorpus.require(TEMPLATES).resolve("entraid-joiner.psd1"), EXAMPLE.resolve("joiner-request.json"));
        assertThat(again.exit()).as(again.err()).isZero();
        again.result().get("steps").forEach(s -> assertThat(s.get("changed").asBoolean())
                .as(s.get("name").asText()).isFalse());
    }

    @Test
    void twentyWritesUnderAThreeWritesPerSecondThrottleAllCompleteHonouringRetryAfter() throws Exception {
        registerApps(null);
        String user = sim.addUser("o'brien@contoso.example", "Pat O'Brien");
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            sim.addGroup("grp-throttle-" + i);
            steps.append("""
                    @{ Name = 'Grant%d'; Type = 'IdLE.Step.EnsureEntitlement'
                       With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                                 IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}'
                                 Entitlement = @{ Kind = 'Group'; Id = 'grp-throttle-%d' }; State = 'Present' } }
                    """.formatted(i, i));
        }
        Path wf = dir.resolve("twenty.psd1");
        Files.writeString(wf, "@{ Name = 'Twenty writes'; LifecycleEvent = 'Joiner'; Steps = @(\n" + steps + ") }\n");
        Path req = dir.resolve("req.json");
        Files.writeString(req, "{\"lifecycleEvent\":\"Joiner\",\"correlationId\":\"throttle-1\","
                + "\"identityKeys\":{\"UserPrincipalName\":\"o'brien@contoso.example\"}}");
        sim.throttle(3, Duration.ofSeconds(1), Duration.ofSeconds(1));

        Run run = invoke(wf, req);

        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        assertThat(statuses(run.result()).values()).hasSize(20).containsOnly("Completed");
        assertThat(sim.acceptedWrites()).isEqualTo(20);
        assertThat(sim.memberOf(user)).hasSize(20);
        List<RetryAfterRecord> throttled = sim.retryAfterIssued();
        assertThat(throttled).as("the throttle was hit").isNotEmpty();
        assertThat(throttled).allSatisfy(t -> assertThat(t.honoured())
                .as("came back after %s, told %s", t.waited(), t.retryAfter()).isTrue());
        assertNoSecretIn(run);
    }

    @Test
    void a403FailsTheStepAtOnceWithGraphsErrorCode() throws Exception {
        // the Admin app may read users but not revoke sessions
        registerApps(Set.of("User.Read.All", "GroupMember.Read.All"));
        String jdoe = sim.addUser("jdoe@contoso.example", "John Doe");
        sim.addSessions(jdoe, 1);
        Run run = invoke(revokeOnlyWorkflow(), EXAMPLE.resolve("leaver-request.json"));

        assertThat(run.exit()).isNotZero();
        JsonNode step = run.result().at("/steps/0");
        assertThat(step.get("status").asText()).isEqualTo("Failed");
        assertThat(step.get("attempts").asInt()).isEqualTo(1);
        assertThat(step.toString()).contains("Authorization_RequestDenied").contains("403");
        assertThat(sim.sessionCount(jdoe)).isEqualTo(1);
        assertThat(log()).filteredOn(l -> l.contains("revokeSignInSessions")).hasSize(1);
        assertNoSecretIn(run);
    }

    private Path revokeOnlyWorkflow() throws IOException {
        Path wf = dir.resolve("revoke.psd1");
        Files.writeString(wf, """
                @{ Name = 'Revoke only'; LifecycleEvent = 'Leaver'; Steps = @(
                  @{ Name = 'RevokeActiveSessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
                     With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                               IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}' } }
                ) }
                """);
        return wf;
    }

    private static List<String> libraryLogLines(String stderr) {
        return stderr.lines().filter(l -> l.matches(".*\\b(WARN|ERROR|DEBUG|INFO)\\b.*")
                && (l.contains("com.azure") || l.contains("com.microsoft.aad.msal4j"))).toList();
    }

    @Test
    void thirdPartyLogsAreSilentByDefaultAndShownWithDebug() throws Exception {
        registerApps(null);
        sim.addSessions(sim.addUser("jdoe@contoso.example", "John Doe"), 1);

        Run quiet = invoke(revokeOnlyWorkflow(), EXAMPLE.resolve("leaver-request.json"));
        Run debug = invoke(revokeOnlyWorkflow(), EXAMPLE.resolve("leaver-request.json"), "--debug");
        Run veryVerbose = invoke(revokeOnlyWorkflow(), EXAMPLE.resolve("leaver-request.json"), "-vv");

        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err()).as("stderr of a run without -vv/--debug").isEmpty();
        assertThat(libraryLogLines(debug.err())).as("Azure SDK / MSAL lines with --debug").isNotEmpty();
        assertThat(libraryLogLines(veryVerbose.err())).as("Azure SDK / MSAL lines with -vv").isNotEmpty();
        assertThat(veryVerbose.err()).as("-vv includes -v: the events").contains("event StepCompleted");
        assertNoSecretIn(debug);
    }

    @Test
    void anAuthorityThatRefusesTheConnectionFailsTheStepWithTheRootCauseInOneLine() throws Exception {
        registerApps(null);
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path host = host();
        Files.writeString(host, Files.readString(host)
                .replace("authorityHost: https://127.0.0.1:" + sim.port(), "authorityHost: https://127.0.0.1:" + closedPort)
                .replace("maxAttempts: 8", "maxAttempts: 1"));

        Run run = invoke(revokeOnlyWorkflow(), EXAMPLE.resolve("leaver-request.json"));

        assertThat(run.result().at("/steps/0/status").asText()).isEqualTo("Failed");
        assertThat(run.result().at("/steps/0/error").asText())
                .isEqualTo("Could not get a Microsoft Graph token for the auth session 'MicrosoftGraph' (type"
                        + " ClientSecret) from https://127.0.0.1:" + closedPort + ": connection refused")
                .doesNotContain("ExecutionException");
        assertThat(run.err()).as("no library log lines by default").isEmpty();
    }

    /** No client secret and no bearer token (the simulator's start with {@code gsim.}) in any output. */
    private static void assertNoSecretIn(Run run) {
        String all = run.everything();
        SECRETS.values().forEach(s -> assertThat(all).as("output contains a client secret").doesNotContain(s));
        assertThat(all).as("output contains a bearer token").doesNotContain("gsim.");
        assertThat(all).doesNotContainIgnoringCase("Bearer ");
    }
}
