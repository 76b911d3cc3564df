package dev.idle.graphsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Graph mailboxSettings and the Exchange admin API InvokeCommand served by the simulator. */
class ExchangeSimulatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static GraphSimulator sim;
    static HttpClient http;

    @BeforeAll
    static void start() {
        sim = GraphSimulator.builder().build().start();
        sim.registerApp("contoso", "app", "s");
        sim.registerApp("contoso", "no-exchange", "s", Set.of("MailboxSettings.Read"));
        sim.addUser(Map.of("userPrincipalName", "jdoe@contoso.example", "displayName", "John Doe"));
        sim.addUser(Map.of("userPrincipalName", "nomail@contoso.example"));
        sim.addUser(Map.of("userPrincipalName", "mgr@contoso.example"));
        sim.addMailbox("jdoe@contoso.example", "UserMailbox");
        sim.addUser(Map.of("userPrincipalName", "ann@contoso.example"));
        sim.addMailbox("ann@contoso.example", "UserMailbox");
        http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    record Res(int status, JsonNode body, HttpResponse<String> raw) {
    }

    static Res send(String method, URI uri, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r);
    }

    static Res invoke(String token, String cmdlet, String params) throws Exception {
        return send("POST", URI.create(sim.exchangeBaseUrl() + "/contoso.onmicrosoft.com/InvokeCommand"), token,
                "{\"CmdletInput\":{\"CmdletName\":\"" + cmdlet + "\",\"Parameters\":" + params + "}}");
    }

    @Test
    void mailboxSettingsHasGraphsShapeAndPatchWrapsMessagesInHtml() throws Exception {
        String t = sim.issueToken("app");
        URI u = URI.create(sim.graphBaseUrl() + "/users/ann@contoso.example/mailboxSettings");
        Res get = send("GET", u, t, null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body().path("automaticRepliesSetting").path("status").asText()).isEqualTo("disabled");
        assertThat(get.body().path("automaticRepliesSetting").path("scheduledStartDateTime").path("timeZone").asText())
                .isEqualTo("UTC");
        assertThat(get.body().path("userPurpose").asText()).isEqualTo("user");
        Res patch = send("PATCH", u, t, "{\"automaticRepliesSetting\":{\"status\":\"alwaysEnabled\","
                + "\"externalAudience\":\"contactsOnly\",\"internalReplyMessage\":\"Away\"}}");
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.body().path("automaticRepliesSetting").path("internalReplyMessage").asText())
                .isEqualTo("<html>\r\n<body>\r\nAway\r\n</body>\r\n</html>\r\n");
        assertThat(send("PATCH", u, t, "{\"automaticRepliesSetting\":{\"status\":\"on\"}}").status()).isEqualTo(400);
        assertThat(send("PATCH", u, t, "{\"userPurpose\":\"shared\"}").status()).isEqualTo(400);
        Res noMailbox = send("GET", URI.create(sim.graphBaseUrl() + "/users/nomail@contoso.example/mailboxSettings"),
                t, null);
        assertThat(noMailbox.status()).isEqualTo(404);
        assertThat(noMailbox.body().path("error").path("code").asText()).isEqualTo("MailboxNotEnabledForRESTAPI");
    }

    @Test
    void invokeCommandServesTheCmdletsWithExchangeShapesAndTypeShowsInUserPurpose() throws Exception {
        String t = sim.issueExchangeToken("app");
        Res mb = invoke(t, "Get-Mailbox", "{\"Identity\":\"John Doe\"}");
        assertThat(mb.status()).isEqualTo(200);
        assertThat(mb.body().path("value").get(0).path("RecipientTypeDetails").asText()).isEqualTo("UserMailbox");
        assertThat(mb.body().has("adminapi.warnings")).isTrue();
        assertThat(invoke(t, "Set-Mailbox", "{\"Identity\":\"jdoe@contoso.example\",\"Type\":\"Shared\"}").status())
                .isEqualTo(200);
        assertThat(send("GET", URI.create(sim.graphBaseUrl() + "/users/jdoe@contoso.example/mailboxSettings"),
                sim.issueToken("app"), null).body().path("userPurpose").asText()).isEqualTo("shared");
        assertThat(invoke(t, "Add-MailboxPermission", "{\"Identity\":\"jdoe@contoso.example\",\"User\":"
                + "\"mgr@contoso.example\",\"AccessRights\":[\"FullAccess\"]}").status()).isEqualTo(200);
        Res perms = invoke(t, "Get-MailboxPermission", "{\"Identity\":\"jdoe@contoso.example\"}");
        assertThat(perms.body().path("value")).hasSize(2);
        assertThat(perms.body().path("value").get(0).path("User").asText()).isEqualTo("NT AUTHORITY\\SELF");
        Res missing = invoke(t, "Get-Mailbox", "{\"Identity\":\"ghost\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error").path("message").asText()).contains("couldn't be found");
        assertThat(invoke(t, "Get-Mailbox", "{\"Bogus\":1}").body().path("error").path("message").asText())
                .contains("A parameter cannot be found that matches parameter name 'Bogus'.");
        assertThat(invoke(t, "Remove-Mailbox", "{}").body().path("error").path("message").asText())
                .contains("is not recognized as a name of a cmdlet");
        assertThat(sim.requestLogLines()).anyMatch(l -> l.contains("[Set-Mailbox]"));
    }

    @Test
    void adminApiRejectsGraphTokensAndAppsWithoutExchangeManageAsApp() throws Exception {
        assertThat(invoke(sim.issueToken("app"), "Get-Mailbox", "{}").status()).isEqualTo(401);
        assertThat(send("GET", URI.create(sim.graphBaseUrl() + "/users"), sim.issueExchangeToken("app"), null).status())
                .isEqualTo(401);
        Res denied = invoke(sim.issueExchangeToken("no-exchange"), "Get-Mailbox", "{}");
        assertThat(denied.status()).isEqualTo(403);
    }

    @Test
    void writeCmdletsAreThrottledWithRetryAfterAndFaultsTargetACmdlet() throws Exception {
        String t = sim.issueExchangeToken("app");
        sim.throttle(1, Duration.ofSeconds(5), Duration.ofSeconds(2));
        try {
            assertThat(invoke(t, "Set-Mailbox", "{\"Identity\":\"jdoe@contoso.example\",\"Type\":\"Regular\"}")
                    .status()).isEqualTo(200);
            Res throttled = invoke(t, "Set-Mailbox", "{\"Identity\":\"jdoe@contoso.example\",\"Type\":\"Shared\"}");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.raw().headers().firstValue("Retry-After")).contains("2");
            assertThat(invoke(t, "Get-Mailbox", "{\"Identity\":\"jdoe@contoso.example\"}").status()).isEqualTo(200);
        } finally {
            sim.noThrottle();
        }
        sim.injectFault(Fault.on("POST", ".*/InvokeCommand/Get-RecipientPermission").times(1).status(503));
        assertThat(invoke(t, "Get-Mailbox", "{\"Identity\":\"jdoe@contoso.example\"}").status()).isEqualTo(200);
        assertThat(invoke(t, "Get-RecipientPermission", "{\"Identity\":\"jdoe@contoso.example\"}").status())
                .isEqualTo(503);
    }
}
