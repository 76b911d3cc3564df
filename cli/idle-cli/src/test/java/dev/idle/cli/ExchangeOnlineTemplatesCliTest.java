package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RetryAfterRecord;
import dev.idle.graphsim.Seed;
import dev.idle.testkit.UpstreamCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IdLE's Exchange Online templates through the CLI (in process) with examples/exchangeonline/host.yaml against the
 * Graph + Exchange admin API simulator seeded from examples/exchangeonline/seed.yaml. The host file is used as
 * committed except for the simulator's port; its trust store and password file are put where it names them (both
 * providers, {@code exchangeonline} and {@code entraid}, read the password from the file, so the in-process CLI
 * needs no environment variable).
 */
class ExchangeOnlineTemplatesCliTest {
    static final Path TEMPLATES = Path.of("..", "..", "..", "shared", "upstream-workflows", "templates");
    static final Path EXAMPLE = Path.of("..", "..", "examples", "exchangeonline");
    static final Path REQUESTS = Path.of("..", "..", "examples", "upstream-templates", "requests");
    static final Path CORRECTED = Path.of("..", "..", "examples", "upstream-templates", "corrected");

    @TempDir
    Path dir;
    GraphSimulator sim;
    Path host;

    @BeforeEach
    void start() throws IOException {
        UpstreamCorpus.require(TEMPLATES);
        sim = GraphSimulator.builder().build().start();
        Seed.load(sim, EXAMPLE.resolve("seed.yaml"));
        Files.createDirectories(dir.resolve(".graphsim"));
        Files.createDirectories(dir.resolve("secrets"));
        Files.copy(sim.trustStore(), dir.resolve(".graphsim/truststore.p12"));
        Files.writeString(dir.resolve(".graphsim/truststore.password"), new String(sim.trustStorePassword()));
        try (var s = Files.list(EXAMPLE.resolve("secrets"))) {
            for (Path p : s.toList()) {
                Files.copy(p, dir.resolve("secrets").resolve(p.getFileName()));
            }
        }
        host = dir.resolve("host.yaml");
        Files.writeString(host, Files.readString(EXAMPLE.resolve("host.yaml"))
                .replace("127.0.0.1:8443", "127.0.0.1:" + sim.port()));
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private Map<String, Boolean> run(Path workflow, String request) throws IOException {
        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request",
                REQUESTS.resolve(request).toString(), "--host", host.toString());
        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("status").asText()).isEqualTo("Completed");
        assertThat(run.out() + run.err()).doesNotContain("example-exo-client-secret-not-real")
                .doesNotContain("example-graph-admin-secret-not-real").doesNotContain("gsim.");
        Map<String, Boolean> changed = new LinkedHashMap<>();
        for (JsonNode step : result.get("steps")) {
            assertThat(step.get("status").asText()).as(step.get("name").asText()).isEqualTo("Completed");
            changed.put(step.get("name").asText(), step.get("changed").asBoolean());
        }
        return changed;
    }

    @Test
    void exoLeaverConvertsToSharedAndSetsOutOfOfficeThenASecondRunReportsNoChange() throws IOException {
        Path wf = TEMPLATES.resolve("exo-leaver.psd1");
        Map<String, Boolean> first = run(wf, "exo-leaver.json");
        assertThat(first).containsEntry("ConvertToSharedMailbox", true)
                .containsEntry("EnableOutOfOfficeWithManagerContact", true);
        Map<String, Object> box = sim.mailbox("jdoe@contoso.example");
        assertThat(box.get("recipientTypeDetails")).isEqualTo("SharedMailbox");
        assertThat(box.get("status")).isEqualTo("alwaysEnabled");
        assertThat(box.get("externalAudience")).isEqualTo("all");
        assertThat((String) box.get("internalReplyMessage")).contains("mailto:mmiller@contoso.example");
        Map<String, Boolean> second = run(wf, "exo-leaver.json");
        assertThat(second.values()).containsOnly(false);
    }

    @Test
    void exoJoinerEnsuresUserMailboxAndDisabledOutOfOffice() throws IOException {
        sim.addMailbox("nsmith@contoso.example", "SharedMailbox");
        Map<String, Boolean> first = run(TEMPLATES.resolve("exo-joiner.psd1"), "exo-joiner.json");
        assertThat(first).containsEntry("EnsureUserMailboxType", true).containsEntry("DisableOutOfOffice", false);
        assertThat(sim.mailbox("nsmith@contoso.example").get("recipientTypeDetails")).isEqualTo("UserMailbox");
        assertThat(run(TEMPLATES.resolve("exo-joiner.psd1"), "exo-joiner.json").values()).containsOnly(false);
    }

    /**
     * The Entra ID + Exchange Online leaver: the mailbox steps run on the Exchange Online provider, the 'Identity'
     * steps on the Entra ID provider with the MicrosoftGraph (Role=Admin) session, both against the one simulator.
     * The simulator has no manager relation (Graph answers 400 for the segment, which the provider reads as "no
     * manager"), so ClearManager has nothing to clear: it completes with changed:false on both runs.
     */
    @Test
    void entraidExoLeaverRunsOnExchangeOnlineAndEntraIdThenASecondRunReportsNoChange() throws IOException {
        Path wf = CORRECTED.resolve("entraid-exo-leaver.psd1");
        String jdoe = (String) sim.user("jdoe@contoso.example").get("id");
        assertThat(sim.memberOf(jdoe)).hasSize(2);
        assertThat(sim.user(jdoe).get("accountEnabled")).isEqualTo(true);

        Map<String, Boolean> first = run(wf, "entraid-exo-leaver.json");

        assertThat(first).containsExactly(Map.entry("GetMailboxInfo", false),
                Map.entry("ConvertToSharedMailbox", true), Map.entry("EnableOutOfOffice", true),
                Map.entry("RevokeAllGroupMemberships", true), Map.entry("ClearManager", false),
                Map.entry("DisableEntraIDAccount", true), Map.entry("EmitCompletionEvent", false));
        Map<String, Object> box = sim.mailbox("jdoe@contoso.example");
        assertThat(box.get("recipientTypeDetails")).isEqualTo("SharedMailbox");
        assertThat(box.get("status")).isEqualTo("alwaysEnabled");
        assertThat(box.get("externalAudience")).isEqualTo("all");
        assertThat(sim.user(jdoe).get("accountEnabled")).isEqualTo(false);
        assertThat(sim.memberOf(jdoe)).isEmpty();
        // the identity steps went to Graph as the Admin session's app, not as the Exchange Online provider's
        assertThat(sim.requestLog()).filteredOn(r -> r.method().equals("PATCH")
                && r.target().startsWith("/v1.0/users/" + jdoe) && !r.target().contains("mailboxSettings"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.clientId()).isEqualTo("idle-admin"));
        assertThat(sim.requestLog()).filteredOn(r -> r.target().contains("/members/"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.clientId()).isEqualTo("idle-admin"));

        sim.clearLog();
        Map<String, Boolean> second = run(wf, "entraid-exo-leaver.json");
        assertThat(second).hasSize(7);
        assertThat(second.values()).containsOnly(false);
        assertThat(sim.acceptedWrites()).as("writes on the second run").isZero();
    }

    @Test
    void throttledExchangeWritesAreRetriedByTheEngineAfterRetryAfter() throws IOException {
        sim.throttle(1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        Map<String, Boolean> first = run(TEMPLATES.resolve("exo-leaver.psd1"), "exo-leaver.json");
        assertThat(first).containsEntry("ConvertToSharedMailbox", true)
                .containsEntry("EnableOutOfOfficeWithManagerContact", true);
        assertThat(sim.retryAfterIssued()).allMatch(RetryAfterRecord::honoured);
    }
}
