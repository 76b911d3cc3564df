package dev.idle.googlesim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.simsupport.SimulatorServers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Google Admin SDK Directory API behaviour the simulator copies, as Google documents it: {@code maxResults} /
 * {@code pageToken} / {@code nextPageToken} paging, the error body
 * {@code {"error":{"code","message","errors":[{"message","domain","reason"}],"status"}}}, 429/403 rate limits with
 * {@code Retry-After}, 503 {@code backendError}, and the service-account JWT bearer grant that gives the token.
 */
class GoogleSimulatorTest {
    private static final String ADMIN = "admin@example.com";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path tmp;
    private GoogleSimulator sim;
    private String accessToken;

    @BeforeEach
    void start() throws Exception {
        System.clearProperty(SimulatorServers.NODELAY_PROPERTY);
        sim = GoogleSimulator.start("example.com");
        sim.addUser(ADMIN, "Ada", "Admin", true);
        Path key = tmp.resolve("key.json");
        sim.createServiceAccount("idle@sim-project.iam.gserviceaccount.com", key);
        HttpResponse<String> token = tokenRequest(assertion(key, ADMIN, GoogleSimulator.SCOPE_GROUP));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        accessToken = json.readTree(token.body()).path("access_token").asText();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** An RS256 service-account assertion signed with the key file's private key, as Google's client libraries make it. */
    private String assertion(Path keyFile, String subject, String scope) throws Exception {
        JsonNode key = json.readTree(Files.readString(keyFile));
        String pem = key.path("private_key").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey privateKey = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + key.path("private_key_id").asText() + "\"}");
        String claims = b64(json.createObjectNode().put("iss", key.path("client_email").asText()).put("sub", subject)
                .put("scope", scope).put("aud", key.path("token_uri").asText()).put("iat", now).put("exp", now + 3600)
                .toString());
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(privateKey);
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> tokenRequest(String assertion) throws IOException, InterruptedException {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
                StandardCharsets.UTF_8) + "&assertion=" + assertion;
        return http.send(HttpRequest.newBuilder(URI.create(sim.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/admin/directory/v1"
                + pathAndQuery));
        if (accessToken != null) {
            b.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode assertGoogleError(HttpResponse<String> r, int code, String message, String domain, String reason,
                                       String status) throws IOException {
        assertThat(r.statusCode()).isEqualTo(code);
        JsonNode e = json.readTree(r.body()).path("error");
        assertThat(e.path("code").asInt()).isEqualTo(code);
        assertThat(e.path("message").asText()).isEqualTo(message);
        assertThat(e.path("status").asText()).isEqualTo(status);
        assertThat(e.path("errors")).singleElement().satisfies(item -> {
            assertThat(item.path("message").asText()).isEqualTo(message);
            assertThat(item.path("domain").asText()).isEqualTo(domain);
            assertThat(item.path("reason").asText()).isEqualTo(reason);
        });
        return e;
    }

    @Test
    void simulatorStartsWithTcpNoDelayTurnedOn() {
        assertThat(System.getProperty(SimulatorServers.NODELAY_PROPERTY)).isEqualTo("true");
    }

    @Test
    void groupsOfAUserArePagedWithMaxResultsAndNextPageToken() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = "g" + i + "@example.com";
            sim.addMember(sim.addGroup(email, "Group " + i), ADMIN);
            expected.add(email);
        }
        List<String> seen = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            HttpResponse<String> r = get("/groups?userKey=" + ADMIN + "&maxResults=2"
                    + (pageToken == null ? "" : "&pageToken=" + pageToken));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
            JsonNode body = json.readTree(r.body());
            assertThat(body.path("kind").asText()).isEqualTo("admin#directory#groups");
            body.path("groups").forEach(g -> seen.add(g.path("email").asText()));
            pageToken = body.hasNonNull("nextPageToken") ? body.get("nextPageToken").asText() : null;
            pages++;
        } while (pageToken != null);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aUserInNoGroupGetsAListWithoutGroupsOrNextPageToken() throws Exception {
        JsonNode body = json.readTree(get("/groups?userKey=" + ADMIN).body());
        assertThat(body.has("groups")).isFalse();
        assertThat(body.has("nextPageToken")).isFalse();
    }

    @Test
    void maxResultsOutsideOneTo200IsInvalid() throws Exception {
        assertGoogleError(get("/groups?userKey=" + ADMIN + "&maxResults=500"), 400,
                "Invalid value '500'. Values must be within the range: [1, 200]", "global", "invalid",
                "INVALID_ARGUMENT");
        assertThat(get("/groups?userKey=" + ADMIN + "&maxResults=0").statusCode()).isEqualTo(400);
        assertThat(get("/groups?userKey=" + ADMIN + "&maxResults=200").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownUserIs404NotFoundInGooglesErrorBody() throws Exception {
        assertGoogleError(get("/users/nobody@example.com"), 404, "Resource Not Found: userKey", "global", "notFound",
                "NOT_FOUND");
    }

    @Test
    void aRequestWithoutATokenIs401Unauthenticated() throws Exception {
        accessToken = null;
        HttpResponse<String> r = get("/users/" + ADMIN);
        assertGoogleError(r, 401, "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                + "login cookie or other valid authentication credential.", "global", "authError", "UNAUTHENTICATED");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"https://accounts.google.com/\"");
    }

    @Test
    void rateLimitsAre429RateLimitExceededOr403UserRateLimitExceededWithRetryAfter() throws Exception {
        sim.retryAfterSeconds(2).throttle("GET", ".*/users/.*", 1, 429).throttle("GET", ".*/users/.*", 1, 403);
        HttpResponse<String> quota = get("/users/" + ADMIN);
        assertGoogleError(quota, 429, "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per "
                + "user' of service 'admin.googleapis.com'.", "usageLimits", "rateLimitExceeded", "RESOURCE_EXHAUSTED");
        assertThat(quota.headers().firstValue("Retry-After")).hasValue("2");
        HttpResponse<String> user = get("/users/" + ADMIN);
        assertGoogleError(user, 403, "User Rate Limit Exceeded", "usageLimits", "userRateLimitExceeded",
                "PERMISSION_DENIED");
        assertThat(user.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(get("/users/" + ADMIN).statusCode()).isEqualTo(200);
        assertThat(sim.requests().get(1).rateLimitReset()).isNotNull();
    }

    @Test
    void anUnavailableServiceIs503BackendError() throws Exception {
        sim.failNext(503);
        assertGoogleError(get("/users/" + ADMIN), 503, "The service is currently unavailable.", "global",
                "backendError", "UNAVAILABLE");
        assertThat(get("/users/" + ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenEndpointRefusesASubjectThatIsNotAnAdmin() throws Exception {
        sim.addUser("jdoe@example.com", "John", "Doe", false);
        Path key = tmp.resolve("key2.json");
        sim.createServiceAccount("other@sim-project.iam.gserviceaccount.com", key);
        HttpResponse<String> r = tokenRequest(assertion(key, "jdoe@example.com", GoogleSimulator.SCOPE_USER));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = json.readTree(r.body());
        assertThat(e.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(e.path("error_description").asText()).isEqualTo("Invalid email or User ID");
    }

    @Test
    void theRequestLogNeverHoldsTheAccessToken() throws Exception {
        get("/users/" + ADMIN);
        assertThat(sim.requests()).allSatisfy(r -> assertThat(r.toString()).doesNotContain(accessToken));
        assertThat(sim.requests()).last().satisfies(r -> assertThat(r.authScheme()).isEqualTo("Bearer"));
    }
}
