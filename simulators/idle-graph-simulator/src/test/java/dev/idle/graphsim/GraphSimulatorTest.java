package dev.idle.graphsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphSimulatorTest {
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String SECRET = "s3cret~value";

    GraphSimulator sim;
    SimClient client;

    @BeforeEach
    void start() {
        sim = GraphSimulator.builder().build().start();
        sim.registerApp(TENANT, CLIENT, SECRET);
        client = new SimClient(sim).login(TENANT, CLIENT, SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void clientWithoutTheTrustStoreFailsTheHandshake() {
        HttpClient untrusting = HttpClient.newHttpClient();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + "/users")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void tokenEndpointIssuesABearerTokenForTheRightSecret() {
        SimClient.Res r = client.tokenRequest(TENANT, CLIENT, SECRET);
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.get("expires_in").asInt()).isEqualTo(3599);
        assertThat(t.get("ext_expires_in").asInt()).isEqualTo(3599);
        assertThat(t.get("access_token").asText()).isNotBlank();
    }

    @Test
    void revokeAnswersValueTrueAndClearsSessions() {
        String id = sim.addUser("jdoe@contoso.com", "John Doe");
        sim.addSessions(id, 3);
        SimClient.Res r = client.call("POST", "/users/" + id + "/revokeSignInSessions", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("value").asBoolean()).isTrue();
        assertThat(r.json().get("@odata.context").asText()).endsWith("/v1.0/$metadata#Edm.Boolean");
        assertThat(sim.sessionCount(id)).isZero();
        assertThat(sim.revocationCount(id)).isEqualTo(1);
        assertThat(client.call("POST", "/users/" + id + "/revokeSignInSessions", null).json().get("value").asBoolean())
                .isTrue();
        assertThat(sim.requestLogLines()).contains("POST /v1.0/users/" + id + "/revokeSignInSessions -> 200");
    }

    @Test
    void filterOnUpnWithAnApostropheUsesODataQuoteEscaping() {
        String id = sim.addUser("o'brien@contoso.com", "Pat O'Brien");
        sim.addUser("obrien@contoso.com", "Other");
        SimClient.Res r = client.get("/users?$filter=" + SimClient.enc("userPrincipalName eq 'o''brien@contoso.com'")
                + "&$select=id,userPrincipalName");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("value")).hasSize(1);
        assertThat(r.json().get("value").get(0).get("id").asText()).isEqualTo(id);
    }

    @Test
    void pagingFollowsNextLinks() {
        for (int i = 0; i < 5; i++) {
            sim.addUser("u" + i + "@contoso.com", "User " + i);
        }
        sim.pageSize(2);
        List<String> upns = new ArrayList<>();
        SimClient.Res r = client.get("/users?$select=id,userPrincipalName");
        int pages = 1;
        while (true) {
            r.json().get("value").forEach(v -> upns.add(v.get("userPrincipalName").asText()));
            JsonNode next = r.json().get("@odata.nextLink");
            if (next == null) {
                break;
            }
            r = client.getAbsolute(next.asText());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(upns).containsExactly("u0@contoso.com", "u1@contoso.com", "u2@contoso.com", "u3@contoso.com",
                "u4@contoso.com");
    }

    @Test
    void appWithoutRevokePermissionGets403() {
        sim.registerApp(TENANT, "reader", "pw", Set.of("User.Read.All"));
        SimClient reader = new SimClient(sim).login(TENANT, "reader", "pw");
        String id = sim.addUser("jdoe@contoso.com", "John Doe");
        SimClient.Res r = reader.call("POST", "/users/" + id + "/revokeSignInSessions", null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("Authorization_RequestDenied");
    }

    @Test
    void createPatchDelete() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountEnabled", true);
        body.put("displayName", "New User");
        body.put("mailNickname", "new");
        body.put("userPrincipalName", "new@contoso.com");
        body.put("passwordProfile", Map.of("password", "x", "forceChangePasswordNextSignIn", true));
        SimClient.Res c = client.call("POST", "/users", body);
        assertThat(c.status()).isEqualTo(201);
        String id = c.json().get("id").asText();
        assertThat(client.call("PATCH", "/users/" + id, Map.of("department", "IT")).status()).isEqualTo(204);
        assertThat(sim.user(id)).containsEntry("department", "IT");
        assertThat(client.call("DELETE", "/users/" + id, null).status()).isEqualTo(204);
        assertThat(sim.findUser(id)).isEmpty();
        assertThat(sim.acceptedWrites()).isEqualTo(3);
    }
}
