package dev.idle.oktasim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.simsupport.SimulatorServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Okta Management API behaviour the simulator copies, as Okta documents it: {@code Link}-header paging with
 * {@code limit}/{@code after}, the error body ({@code errorCode}, {@code errorSummary}, {@code errorLink},
 * {@code errorId}, {@code errorCauses}), the {@code X-Rate-Limit-*} headers and 429 {@code E0000047} with the reset.
 */
class OktaSimulatorTest {
    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"(\\w+)\"");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private OktaSimulator sim;
    private String token;

    @BeforeEach
    void start() {
        System.clearProperty(SimulatorServers.NODELAY_PROPERTY);
        sim = OktaSimulator.start();
        token = sim.newApiToken();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .header("Authorization", "SSWS " + token).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send("GET", pathAndQuery, null);
    }

    /** rel → URL of every {@code Link} header, each header holding one link. */
    private static List<String[]> links(HttpResponse<?> r) {
        List<String[]> out = new ArrayList<>();
        for (String value : r.headers().allValues("link")) {
            Matcher m = LINK.matcher(value);
            assertThat(m.matches()).as("one link per Link header: %s", value).isTrue();
            out.add(new String[] {m.group(2), m.group(1)});
        }
        return out;
    }

    private void assertOktaError(HttpResponse<String> r, int status, String code, String summary) throws IOException {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode e = json.readTree(r.body());
        assertThat(e.path("errorCode").asText()).isEqualTo(code);
        assertThat(e.path("errorSummary").asText()).isEqualTo(summary);
        assertThat(e.path("errorLink").asText()).isEqualTo(code);
        assertThat(e.path("errorId").asText()).startsWith("oae").hasSizeGreaterThan(3);
        assertThat(e.path("errorCauses").isArray()).isTrue();
    }

    @Test
    void simulatorStartsWithTcpNoDelayTurnedOn() {
        assertThat(System.getProperty(SimulatorServers.NODELAY_PROPERTY)).isEqualTo("true");
    }

    @Test
    void aUsersGroupsArePagedWithOneLinkHeaderPerLinkAndLimitAfterCursors() throws Exception {
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String g = sim.addGroup("Group " + i);
            sim.addMember(g, uid);
            expected.add(g);
        }
        HttpResponse<String> first = get("/api/v1/users/" + uid + "/groups?limit=2");
        assertThat(first.statusCode()).isEqualTo(200);
        List<String[]> firstLinks = links(first);
        assertThat(firstLinks).extracting(l -> l[0]).containsExactly("self", "next");
        assertThat(firstLinks.get(0)[1]).isEqualTo(sim.baseUrl() + "/api/v1/users/" + uid + "/groups?limit=2");
        assertThat(firstLinks.get(1)[1]).isEqualTo(sim.baseUrl() + "/api/v1/users/" + uid + "/groups?limit=2&after="
                + expected.get(1));

        List<String> seen = new ArrayList<>();
        json.readTree(first.body()).forEach(g -> seen.add(g.path("id").asText()));
        String next = firstLinks.get(1)[1];
        int pages = 1;
        while (next != null) {
            HttpResponse<String> page = get(next.substring(sim.baseUrl().length()));
            json.readTree(page.body()).forEach(g -> seen.add(g.path("id").asText()));
            pages++;
            next = links(page).stream().filter(l -> l[0].equals("next")).map(l -> l[1]).findFirst().orElse(null);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void theLastPageHasOnlyASelfLinkAndALimitAboveThePageSizeIsCapped() throws Exception {
        sim.pageSize(2);
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        sim.addMember(sim.addGroup("Sales"), uid);
        HttpResponse<String> one = get("/api/v1/users/" + uid + "/groups");
        assertThat(links(one)).extracting(l -> l[0]).containsExactly("self");
        sim.addMember(sim.addGroup("Support"), uid);
        sim.addMember(sim.addGroup("Finance"), uid);
        HttpResponse<String> capped = get("/api/v1/users/" + uid + "/groups?limit=50");
        assertThat(json.readTree(capped.body()).size()).isEqualTo(2);
        assertThat(links(capped)).extracting(l -> l[0]).containsExactly("self", "next");
    }

    @Test
    void errorsCarryOktasErrorBody() throws Exception {
        assertOktaError(get("/api/v1/users/nobody@example.com"), 404, "E0000007",
                "Not found: Resource not found: nobody@example.com (User)");
        HttpResponse<String> invalid = send("POST", "/api/v1/users?activate=false",
                "{\"profile\":{\"login\":\"x@example.com\",\"email\":\"x@example.com\",\"firstName\":\"X\","
                        + "\"favouriteColour\":\"blue\"}}");
        assertOktaError(invalid, 400, "E0000001", "Api validation failed: lastName");
        assertThat(json.readTree(invalid.body()).path("errorCauses")).extracting(c -> c.path("errorSummary").asText())
                .containsExactly("lastName: The field cannot be left blank",
                        "Property name 'favouriteColour' is not defined in profile");
        assertOktaError(get("/api/v1/groups?search=" + "bad"), 400, "E0000031", "Invalid search criteria.");
    }

    @Test
    void aRequestWithoutAKnownTokenIs401InvalidToken() throws Exception {
        token = "00not-a-token";
        assertOktaError(get("/api/v1/users/jdoe"), 401, "E0000011", "Invalid token provided");
    }

    @Test
    void everyAnswerCarriesTheRateLimitOfItsOneMinuteWindow() throws Exception {
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        long before = Instant.now().getEpochSecond();
        HttpResponse<String> a = get("/api/v1/users/" + uid);
        HttpResponse<String> b = get("/api/v1/users/nobody");
        assertThat(a.headers().firstValue("X-Rate-Limit-Limit")).hasValue("600");
        int remainingA = Integer.parseInt(a.headers().firstValue("X-Rate-Limit-Remaining").orElseThrow());
        int remainingB = Integer.parseInt(b.headers().firstValue("X-Rate-Limit-Remaining").orElseThrow());
        assertThat(remainingB).isEqualTo(remainingA - 1);
        long resetA = Long.parseLong(a.headers().firstValue("X-Rate-Limit-Reset").orElseThrow());
        assertThat(resetA).isBetween(before + 1, before + 61);
        assertThat(b.headers().firstValue("X-Rate-Limit-Reset")).hasValue(String.valueOf(resetA));
    }

    @Test
    void aThrottledRequestIs429WithNoneRemainingAndTheResetInEpochSeconds() throws Exception {
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        sim.rateLimitResetSeconds(3).throttle("GET", "/api/v1/users/.*", 1);
        long before = Instant.now().getEpochSecond();
        HttpResponse<String> limited = get("/api/v1/users/" + uid);
        assertOktaError(limited, 429, "E0000047", "API call exceeded rate limit due to too many requests.");
        assertThat(limited.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
        long reset = Long.parseLong(limited.headers().firstValue("X-Rate-Limit-Reset").orElseThrow());
        assertThat(reset).isBetween(before + 3, before + 5);
        assertThat(sim.requests().get(0).rateLimitReset()).isEqualTo(Instant.ofEpochSecond(reset));
        assertThat(get("/api/v1/users/" + uid).statusCode()).isEqualTo(200);
    }

    @Test
    void failNextPlaysOktasErrorForTheStatusOnce() throws Exception {
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        sim.failNext(503).failNext(403);
        assertOktaError(get("/api/v1/users/" + uid), 503, "E0000010", "Service is in read only mode");
        assertOktaError(get("/api/v1/users/" + uid), 403, "E0000006",
                "You do not have permission to perform the requested action");
        assertThat(get("/api/v1/users/" + uid).statusCode()).isEqualTo(200);
    }

    @Test
    void deletingAUserDeactivatesItFirstAndDeletesItSecond() throws Exception {
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        sim.addSession(uid);
        assertThat(send("DELETE", "/api/v1/users/" + uid, null).statusCode()).isEqualTo(204);
        assertThat(sim.status(uid)).isEqualTo("DEPROVISIONED");
        assertThat(sim.sessionCount(uid)).isZero();
        assertThat(send("DELETE", "/api/v1/users/" + uid, null).statusCode()).isEqualTo(204);
        assertThat(sim.user(uid)).isNull();
    }

    @Test
    void clearingSessionsKeepsOAuthTokensOnlyWhenAskedTo() throws Exception {
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        sim.addSession(uid);
        assertThat(send("DELETE", "/api/v1/users/" + uid + "/sessions?oauthTokens=false", null).statusCode())
                .isEqualTo(204);
        assertThat(sim.sessionCount(uid)).isZero();
        assertThat(sim.oauthTokenCount(uid)).isEqualTo(1);
        assertThat(send("DELETE", "/api/v1/users/" + uid + "/sessions", null).statusCode()).isEqualTo(204);
        assertThat(sim.oauthTokenCount(uid)).isZero();
        assertThat(sim.acceptedRevocations(uid)).isEqualTo(2);
    }

    @Test
    void theRequestLogKeepsTheAuthSchemeButNeverTheToken() throws Exception {
        get("/api/v1/users/jdoe");
        assertThat(sim.requests()).singleElement().satisfies(r -> {
            assertThat(r.authScheme()).isEqualTo("SSWS");
            assertThat(r.toString()).doesNotContain(token);
        });
    }
}
