package dev.idle.graphsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Graph behaviours the Entra ID provider relies on, driven over TLS with the JDK HttpClient. */
class GraphContractTest {
    static final String TENANT = "contoso-tenant";
    static final String CLIENT = "idle-client";
    static final String SECRET = "p@ss'word";

    GraphSimulator sim;
    SimClient client;
    String jdoe;
    String sales;
    String unit;

    @BeforeEach
    void start() {
        sim = GraphSimulator.builder().build().start();
        sim.registerApp(TENANT, CLIENT, SECRET);
        client = new SimClient(sim).login(TENANT, CLIENT, SECRET);
        jdoe = sim.addUser(Map.of("userPrincipalName", "jdoe@contoso.com", "mail", "john.doe@contoso.com",
                "displayName", "John Doe", "department", "IT", "accountEnabled", true));
        sales = sim.addGroup("Sales", "sales@contoso.com");
        unit = sim.addAdministrativeUnit("Europe");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static Map<String, Object> ref(String base, String id) {
        return Map.of("@odata.id", base + "/directoryObjects/" + id);
    }

    private static void assertGraphError(SimClient.Res r, int status, String code, String message) {
        assertThat(r.status()).isEqualTo(status);
        JsonNode e = r.json().get("error");
        assertThat(e.get("code").asText()).isEqualTo(code);
        if (message != null) {
            assertThat(e.get("message").asText()).isEqualTo(message);
        }
        assertThat(e.at("/innerError/request-id").asText()).isEqualTo(r.header("request-id"));
        assertThat(e.at("/innerError/date").asText()).isNotBlank();
        assertThat(r.header("client-request-id")).isNotBlank();
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void missingBearerTokenGets401InvalidAuthenticationToken() {
        client.token = null;
        SimClient.Res r = client.get("/users");
        assertGraphError(r, 401, "InvalidAuthenticationToken", "Access token is empty.");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void unknownBearerTokenGets401InvalidAuthenticationToken() {
        client.token = "not-a-token-we-issued";
        assertGraphError(client.get("/users"), 401, "InvalidAuthenticationToken", null);
    }

    @Test
    void expiredTokenGets401AndANewTokenWorks() {
        sim.expireTokens();
        assertGraphError(client.get("/users"), 401, "InvalidAuthenticationToken",
                "Lifetime validation failed, the token is expired.");
        client.login(TENANT, CLIENT, SECRET);
        assertThat(client.get("/users").status()).isEqualTo(200);
    }

    @Test
    void wrongClientSecretGets401InvalidClientLikeEntraId() {
        SimClient.Res r = client.tokenRequest(TENANT, CLIENT, "wrong");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(r.json().get("error_description").asText()).startsWith("AADSTS7000215: Invalid client secret provided.");
        assertThat(r.json().get("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(r.raw().body()).doesNotContain("wrong");
    }

    @Test
    void unknownClientAndUnknownTenantAreRejectedByTheTokenEndpoint() {
        assertThat(client.tokenRequest(TENANT, "nobody", "x").json().get("error").asText()).isEqualTo("unauthorized_client");
        assertThat(client.tokenRequest("other-tenant", CLIENT, SECRET).status()).isEqualTo(400);
    }

    @Test
    void openIdConfigurationPointsAtTheSimulatorsTokenEndpoint() {
        SimClient.Res r = client.send(HttpRequest.newBuilder(
                sim.authorityHost().resolve(TENANT + "/v2.0/.well-known/openid-configuration")).build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_endpoint").asText()).isEqualTo(sim.tokenEndpoint(TENANT).toString());
        assertThat(r.json().get("issuer").asText()).isEqualTo(sim.authorityHost() + TENANT + "/v2.0");
    }

    @Test
    void appWithoutGroupMemberWritePermissionGets403AndNothingChanges() {
        sim.registerApp(TENANT, "reader", "pw", Set.of("User.Read.All", "Group.Read.All"));
        SimClient reader = new SimClient(sim).login(TENANT, "reader", "pw");
        SimClient.Res r = reader.call("POST", "/groups/" + sales + "/members/$ref", ref(sim.graphBaseUrl().toString(), jdoe));
        assertGraphError(r, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        assertThat(sim.members(sales)).isEmpty();
        assertThat(reader.get("/users/" + jdoe).status()).isEqualTo(200);
        assertThat(sim.acceptedWrites()).isZero();
    }

    // ---------------------------------------------------------------- users

    @Test
    void userReadHonoursSelectAndDefaultsToGraphsDefaultPropertySet() {
        JsonNode all = client.get("/users/" + jdoe).json();
        assertThat(all.has("accountEnabled")).isFalse();
        assertThat(all.has("department")).isFalse();
        assertThat(all.get("userPrincipalName").asText()).isEqualTo("jdoe@contoso.com");
        JsonNode sel = client.get("/users/" + jdoe + "?$select=id,accountEnabled,department").json();
        assertThat(sel.get("accountEnabled").asBoolean()).isTrue();
        assertThat(sel.get("department").asText()).isEqualTo("IT");
        assertThat(sel.has("displayName")).isFalse();
        assertThat(sel.get("@odata.context").asText()).endsWith("$metadata#users(id,accountEnabled,department)/$entity");
    }

    @Test
    void unknownUserGets404RequestResourceNotFound() {
        String missing = "00000000-0000-0000-0000-000000000001";
        assertGraphError(client.get("/users/" + missing), 404, "Request_ResourceNotFound",
                "Resource '" + missing + "' does not exist or one of its queried reference-property objects are not present.");
    }

    @Test
    void filterOnMailAndDisplayNameAndStartswith() {
        sim.addUser("jane@contoso.com", "Jane Roe");
        assertThat(client.get("/users?$filter=" + SimClient.enc("mail eq 'JOHN.DOE@contoso.com'")).json().get("value"))
                .hasSize(1);
        assertThat(client.get("/users?$filter=" + SimClient.enc("startswith(userPrincipalName,'ja') or "
                + "startswith(displayName,'John')") + "&$select=id").json().get("value")).hasSize(2);
        assertThat(client.get("/users?$filter=" + SimClient.enc("displayName eq 'Nobody'")).json().get("value")).isEmpty();
    }

    @Test
    void unsupportedOrMalformedFilterGets400() {
        assertThat(client.get("/users?$filter=" + SimClient.enc("userPrincipalName eq 'o'brien@contoso.com'")).status())
                .isEqualTo(400);
        assertThat(client.get("/users?$filter=" + SimClient.enc("userPrincipalName eq 'unterminated")).status())
                .isEqualTo(400);
        assertGraphError(client.get("/users?$filter=" + SimClient.enc("endswith(mail,'@contoso.com')")), 400,
                "Request_UnsupportedQuery", null);
        assertThat(client.get("/users?$filter=" + SimClient.enc("favouriteColour eq 'blue'")).status()).isEqualTo(400);
    }

    @Test
    void userAddressableByUpnWithApostrophe() {
        String id = sim.addUser("o'brien@contoso.com", "Pat O'Brien");
        SimClient.Res r = client.get("/users/" + SimClient.enc("o'brien@contoso.com") + "?$select=id");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(id);
    }

    @Test
    void createUserRequiresGraphsPropertiesAndRejectsDuplicatesAndUnknownProperties() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountEnabled", true);
        body.put("displayName", "X");
        body.put("mailNickname", "x");
        body.put("userPrincipalName", "jdoe@contoso.com");
        assertThat(client.call("POST", "/users", body).status()).as("no passwordProfile").isEqualTo(400);
        body.put("passwordProfile", Map.of("password", "Secret-1"));
        assertGraphError(client.call("POST", "/users", body), 400, "Request_BadRequest",
                "Another object with the same value for property userPrincipalName already exists.");
        body.put("userPrincipalName", "x@contoso.com");
        body.put("manager", "someone");
        assertThat(client.call("POST", "/users", body).status()).isEqualTo(400);
        body.remove("manager");
        SimClient.Res ok = client.call("POST", "/users", body);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().has("passwordProfile")).isFalse();
        assertThat(ok.json().get("userPrincipalName").asText()).isEqualTo("x@contoso.com");
    }

    @Test
    void patchAnswers204AndChangesStateAndNullClears() {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("accountEnabled", false);
        patch.put("department", null);
        SimClient.Res r = client.call("PATCH", "/users/" + jdoe, patch);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.raw().body()).isEmpty();
        assertThat(sim.user(jdoe)).containsEntry("accountEnabled", false).containsEntry("department", null);
    }

    // ---------------------------------------------------------------- memberships

    @Test
    void duplicateMemberAddGets400WithGraphsMessage() {
        String base = sim.graphBaseUrl().toString();
        assertThat(client.call("POST", "/groups/" + sales + "/members/$ref", ref(base, jdoe)).status()).isEqualTo(204);
        SimClient.Res dup = client.call("POST", "/groups/" + sales + "/members/$ref", ref(base, jdoe));
        assertGraphError(dup, 400, "Request_BadRequest",
                "One or more added object references already exist for the following modified properties: 'members'.");
        assertThat(sim.members(sales)).containsExactly(jdoe);
        assertThat(sim.acceptedWrites()).isEqualTo(1);
    }

    @Test
    void removingANonMemberGets404AndRemovingAMemberGets204() {
        assertThat(client.call("DELETE", "/groups/" + sales + "/members/" + jdoe + "/$ref", null).status()).isEqualTo(404);
        sim.addMember(sales, jdoe);
        assertThat(client.call("DELETE", "/groups/" + sales + "/members/" + jdoe + "/$ref", null).status()).isEqualTo(204);
        assertThat(sim.members(sales)).isEmpty();
    }

    @Test
    void memberOfCastsSeparateGroupsFromAdministrativeUnits() {
        String base = sim.graphBaseUrl().toString();
        assertThat(client.call("POST", "/directory/administrativeUnits/" + unit + "/members/$ref",
                Map.of("@odata.id", base + "/users/" + jdoe)).status()).isEqualTo(204);
        sim.addMember(sales, jdoe);
        JsonNode groups = client.get("/users/" + jdoe + "/memberOf/microsoft.graph.group?$select=id,displayName,mail")
                .json().get("value");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("id").asText()).isEqualTo(sales);
        assertThat(groups.get(0).get("mail").asText()).isEqualTo("sales@contoso.com");
        JsonNode units = client.get("/users/" + jdoe + "/memberOf/microsoft.graph.administrativeUnit?$select=id,displayName")
                .json().get("value");
        assertThat(units).hasSize(1);
        assertThat(units.get(0).get("id").asText()).isEqualTo(unit);
        JsonNode both = client.get("/users/" + jdoe + "/memberOf").json().get("value");
        assertThat(both).hasSize(2);
        assertThat(both.get(0).get("@odata.type").asText()).isEqualTo("#microsoft.graph.group");
        assertThat(both.get(1).get("@odata.type").asText()).isEqualTo("#microsoft.graph.administrativeUnit");
        assertThat(client.call("DELETE", "/directory/administrativeUnits/" + unit + "/members/" + jdoe + "/$ref", null)
                .status()).isEqualTo(204);
    }

    @Test
    void groupsAndAdministrativeUnitsResolveByDisplayNameWithQuoteEscaping() {
        String quoted = sim.addGroup("Sales 'EU'");
        JsonNode g = client.get("/groups?$filter=" + SimClient.enc("displayName eq 'Sales ''EU'''")
                + "&$select=id,displayName,mail,mailNickname").json().get("value");
        assertThat(g).hasSize(1);
        assertThat(g.get(0).get("id").asText()).isEqualTo(quoted);
        JsonNode a = client.get("/directory/administrativeUnits?$filter=" + SimClient.enc("displayName eq 'Europe'")
                + "&$select=id,displayName").json().get("value");
        assertThat(a.get(0).get("id").asText()).isEqualTo(unit);
        assertThat(client.get("/directory/administrativeUnits/" + unit + "?$select=id,displayName").status()).isEqualTo(200);
        assertThat(client.get("/groups/" + sales + "?$select=id,displayName,mail,mailNickname").json()
                .get("displayName").asText()).isEqualTo("Sales");
    }

    @Test
    void pagingHonoursTopAndKeepsSelectAndFilterInTheNextLink() {
        for (int i = 0; i < 5; i++) {
            String g = sim.addGroup("G" + i);
            sim.addMember(g, jdoe);
        }
        JsonNode page = client.get("/users/" + jdoe + "/memberOf/microsoft.graph.group?$select=id,displayName&$top=2")
                .json();
        List<String> names = new ArrayList<>();
        int pages = 0;
        while (page != null) {
            pages++;
            page.get("value").forEach(v -> {
                names.add(v.get("displayName").asText());
                assertThat(v.has("mail")).isFalse();
            });
            JsonNode next = page.get("@odata.nextLink");
            page = next == null ? null : client.getAbsolute(next.asText()).json();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("G0", "G1", "G2", "G3", "G4");
        assertThat(client.get("/users?$top=1000").status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- $batch

    private static Map<String, Object> addItem(String id, String group, String user, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("method", "POST");
        m.put("url", "/groups/" + group + "/members/$ref");
        m.put("headers", Map.of("Content-Type", "application/json"));
        m.put("body", Map.of("@odata.id", base + "/directoryObjects/" + user));
        return m;
    }

    @Test
    void batchAnswersEachItemWithItsOwnStatusAndBody() {
        String base = sim.graphBaseUrl().toString();
        String other = sim.addGroup("Other");
        sim.addMember(other, jdoe);
        List<Map<String, Object>> requests = List.of(
                addItem("a1", sales, jdoe, base),
                addItem("a2", sales, jdoe, base),
                Map.of("id", "r1", "method", "DELETE", "url", "/groups/" + other + "/members/" + jdoe + "/$ref"),
                Map.of("id", "r2", "method", "DELETE", "url", "/groups/" + other + "/members/" + jdoe + "/$ref"));
        SimClient.Res r = client.call("POST", "/$batch", Map.of("requests", requests));
        assertThat(r.status()).isEqualTo(200);
        JsonNode responses = r.json().get("responses");
        assertThat(responses).hasSize(4);
        assertThat(responses.get(0).get("id").asText()).isEqualTo("a1");
        assertThat(responses.get(0).get("status").asInt()).isEqualTo(204);
        assertThat(responses.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(responses.get(1).at("/body/error/message").asText())
                .isEqualTo("One or more added object references already exist for the following modified properties: 'members'.");
        assertThat(responses.get(2).get("status").asInt()).isEqualTo(204);
        assertThat(responses.get(3).get("status").asInt()).isEqualTo(404);
        assertThat(responses.get(3).at("/body/error/code").asText()).isEqualTo("Request_ResourceNotFound");
        assertThat(sim.acceptedWrites()).isEqualTo(2);
        assertThat(sim.requestLogLines()).contains("POST /v1.0/$batch -> 200",
                "  [$batch item a1] POST /v1.0/groups/" + sales + "/members/$ref -> 204");
    }

    @Test
    void batchOfMoreThanTwentyRequestsGets400() {
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            requests.add(Map.of("id", "" + i, "method", "GET", "url", "/users/" + jdoe));
        }
        SimClient.Res r = client.call("POST", "/$batch", Map.of("requests", requests));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("BadRequest");
    }

    @Test
    void throttledBatchItemGetsItsOwn429WithRetryAfterAndIsNotApplied() {
        sim.throttle(2, Duration.ofSeconds(10), Duration.ofSeconds(7));
        String base = sim.graphBaseUrl().toString();
        List<String> users = new ArrayList<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String u = sim.addUser("b" + i + "@contoso.com", "B" + i);
            users.add(u);
            requests.add(addItem("i" + i, sales, u, base));
        }
        JsonNode responses = client.call("POST", "/$batch", Map.of("requests", requests)).json().get("responses");
        assertThat(responses.get(0).get("status").asInt()).isEqualTo(204);
        assertThat(responses.get(1).get("status").asInt()).isEqualTo(204);
        assertThat(responses.get(2).get("status").asInt()).isEqualTo(429);
        assertThat(responses.get(2).at("/headers/Retry-After").asText()).isEqualTo("7");
        assertThat(responses.get(2).at("/body/error/code").asText()).isEqualTo("TooManyRequests");
        assertThat(sim.members(sales)).containsExactly(users.get(0), users.get(1));
        assertThat(sim.acceptedWrites()).isEqualTo(2);
        assertThat(sim.retryAfterIssued()).singleElement()
                .satisfies(rec -> assertThat(rec.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    // ---------------------------------------------------------------- throttle, faults, latency

    @Test
    void throttledWriteGets429WithRetryAfterAndIsNotApplied() throws Exception {
        sim.throttle(1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "A")).status()).isEqualTo(204);
        SimClient.Res r = client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "B"));
        assertGraphError(r, 429, "TooManyRequests", null);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(sim.user(jdoe)).containsEntry("jobTitle", "A");
        assertThat(client.get("/users/" + jdoe).status()).as("reads are not throttled").isEqualTo(200);
        List<RetryAfterRecord> early = sim.retryAfterIssued();
        assertThat(early).singleElement().satisfies(rec -> assertThat(rec.honoured()).isFalse());

        sim.clearLog();
        SimClient.Res again = client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "B"));
        assertThat(again.status()).isEqualTo(429);
        Thread.sleep(Long.parseLong(again.header("Retry-After")) * 1000);
        assertThat(client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "B")).status()).isEqualTo(204);
        assertThat(sim.retryAfterIssued()).singleElement().satisfies(rec -> {
            assertThat(rec.honoured()).isTrue();
            assertThat(rec.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        });
        assertThat(sim.acceptedWrites()).isEqualTo(1);
        assertThat(sim.user(jdoe)).containsEntry("jobTitle", "B");
    }

    @Test
    void throttleCountsExactlyTheAcceptedWritesOfAClientThatHonoursRetryAfter() throws Exception {
        sim.throttle(3, Duration.ofSeconds(1), Duration.ofSeconds(1));
        int throttled = 0;
        for (int i = 0; i < 8; i++) {
            while (true) {
                SimClient.Res r = client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "T" + i));
                if (r.status() == 429) {
                    throttled++;
                    Thread.sleep(Long.parseLong(r.header("Retry-After")) * 1000);
                    continue;
                }
                assertThat(r.status()).isEqualTo(204);
                break;
            }
        }
        assertThat(throttled).isGreaterThan(0);
        assertThat(sim.acceptedWrites()).isEqualTo(8);
        assertThat(sim.retryAfterIssued()).hasSize(throttled).allMatch(RetryAfterRecord::honoured);
    }

    @Test
    void injectedFaultsAnswerTheirStatusTheRequestedNumberOfTimes() {
        sim.injectFault(Fault.on("PATCH", "/v1.0/users/.*").times(2).status(503).retryAfter(Duration.ofSeconds(2)));
        SimClient.Res first = client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "X"));
        assertGraphError(first, 503, "serviceNotAvailable", null);
        assertThat(first.header("Retry-After")).isEqualTo("2");
        assertThat(client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "X")).status()).isEqualTo(503);
        assertThat(sim.user(jdoe)).doesNotContainKey("jobTitle");
        assertThat(client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "X")).status()).isEqualTo(204);
        assertThat(client.get("/users/" + jdoe).status()).isEqualTo(200);
    }

    @Test
    void stallFaultHoldsTheRequestPastTheClientTimeout() {
        sim.injectFault(Fault.on("GET", "/v1.0/users/.*").stall(Duration.ofSeconds(2)).status(504));
        HttpRequest req = HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + "/users/" + jdoe))
                .header("Authorization", "Bearer " + client.token).timeout(Duration.ofMillis(500)).build();
        Instant t0 = Instant.now();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(req))
                .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(client.get("/users/" + jdoe).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryRequest() {
        sim.latency(Duration.ofMillis(300));
        Instant t0 = Instant.now();
        client.get("/users/" + jdoe);
        assertThat(Duration.between(t0, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void requestLogHasMethodPathStatusAndClientRequestIdButNoSecrets() {
        HttpRequest req = HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + "/users/" + jdoe))
                .header("Authorization", "Bearer " + client.token).header("client-request-id", "crid-42").build();
        SimClient.Res r = client.send(req);
        assertThat(r.header("client-request-id")).isEqualTo("crid-42");
        RequestRecord last = sim.requestLog().get(sim.requestLog().size() - 1);
        assertThat(last.method()).isEqualTo("GET");
        assertThat(last.target()).isEqualTo("/v1.0/users/" + jdoe);
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.clientRequestId()).isEqualTo("crid-42");
        assertThat(last.clientId()).isEqualTo(CLIENT);
        assertThat(last.requestId()).isEqualTo(r.header("request-id"));
        String everything = String.join("\n", sim.requestLogLines()) + sim.requestLog();
        assertThat(everything).doesNotContain(client.token).doesNotContain(SECRET);
    }
}
