package dev.idle.oktasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.idle.simsupport.SimulatorHttp;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful simulator of the parts of the Okta Management API (v1) the Okta provider uses, on plain HTTP bound to
 * the loopback interface at an ephemeral port. It follows Okta's documented requests, responses, error bodies
 * ({@code errorCode}, {@code errorSummary}, {@code errorLink}, {@code errorId}, {@code errorCauses}) and rate-limit
 * headers ({@code X-Rate-Limit-Limit}, {@code X-Rate-Limit-Remaining}, {@code X-Rate-Limit-Reset} in epoch seconds).
 *
 * <p>Served: users (get by id, login or login short name; search on {@code profile.email}/{@code profile.login};
 * create staged or activated; partial profile update; lifecycle activate/deactivate/suspend/unsuspend; deactivate then
 * delete), the user's groups (paged with {@code Link} headers), group search, group membership add/remove, and
 * {@code DELETE /api/v1/users/{id}/sessions} (counted per user as an accepted revocation).
 *
 * <p>Test controls: {@link #throttle} (the next N matching requests answer 429), {@link #failNext} (the next request
 * fails with a given status), a request log without secrets ({@link #requests()}).
 *
 * <p>It is a developer tool shipped as an ordinary module ({@link #main} starts one from the command line), not an
 * Okta emulator: features outside the provider's needs are absent.
 */
public final class OktaSimulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1";
    private static final int RATE_LIMIT = 600;
    private static final Set<String> BASE_PROFILE = Set.of("login", "email", "secondEmail", "firstName", "lastName",
            "middleName", "honorificPrefix", "honorificSuffix", "title", "displayName", "nickName", "profileUrl",
            "primaryPhone", "mobilePhone", "streetAddress", "city", "state", "zipCode", "countryCode", "postalAddress",
            "preferredLanguage", "locale", "timezone", "userType", "employeeNumber", "costCenter", "organization",
            "division", "department", "managerId", "manager");

    static {
        // Without TCP_NODELAY every loopback answer waits ~40 ms for a delayed ACK (headers and body are two writes).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> apiTokens = new LinkedHashSet<>();
    private final Set<String> accessTokens = new LinkedHashSet<>();
    private final Map<String, java.security.PublicKey> serviceApps = new HashMap<>();
    private final Set<String> grantedScopes = new LinkedHashSet<>(List.of("okta.users.read", "okta.users.manage",
            "okta.groups.read", "okta.groups.manage"));
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Integer> revocations = new HashMap<>();
    private final List<Throttle> throttles = new ArrayList<>();
    private final List<Integer> failures = new ArrayList<>();
    private final List<RequestRecord> log = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> customProfileProperties = new LinkedHashSet<>();
    private int pageSize = 200;
    private int resetSeconds = 1;
    private int remaining = RATE_LIMIT;

    private OktaSimulator(Clock clock) throws IOException {
        this.clock = clock;
        this.server = SimulatorHttp.startLoopback("okta-simulator", this::handle);
    }

    /** Starts a simulator on 127.0.0.1 at an ephemeral port. */
    public static OktaSimulator start() {
        try {
            return new OktaSimulator(Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Okta simulator: " + e.getMessage(), e);
        }
    }

    /** Starts one and prints its base URL and a fresh API token; runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        OktaSimulator sim = start();
        String token = sim.newApiToken();
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        sim.addSession(uid);
        sim.addMember(sim.addGroup("Sales"), uid);
        System.out.println("Okta simulator: " + sim.baseUrl());
        System.out.println("API token (SSWS): " + token);
        System.out.println("Seeded user jdoe@example.com (" + uid + ") with one session and group Sales.");
        Thread.currentThread().join();
    }

    /** {@code http://127.0.0.1:<port>}, the value for the provider's {@code baseUrl} option. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------------------------------ configuration

    /** Generates an API token the simulator accepts as {@code Authorization: SSWS <token>}. */
    public synchronized String newApiToken() {
        String token = "00" + randomId(40);
        apiTokens.add(token);
        return token;
    }

    /** Accepts {@code token} as an API token ({@code SSWS}). */
    public synchronized OktaSimulator acceptApiToken(String token) {
        apiTokens.add(token);
        return this;
    }

    /** Accepts {@code token} as an OAuth 2.0 access token ({@code Bearer}). */
    public synchronized OktaSimulator acceptAccessToken(String token) {
        accessTokens.add(token);
        return this;
    }

    /**
     * Registers an API service app that authenticates with {@code private_key_jwt}: generates an RSA key, writes its
     * private key as a PKCS#8 PEM file to {@code privateKeyPem} and returns the app's client id. The app is granted
     * {@code okta.users.read/manage} and {@code okta.groups.read/manage}.
     */
    public synchronized String createServiceApp(java.nio.file.Path privateKeyPem) {
        try {
            java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            java.security.KeyPair pair = gen.generateKeyPair();
            String clientId = "0oa" + randomId(17);
            java.nio.file.Files.createDirectories(privateKeyPem.toAbsolutePath().getParent());
            java.nio.file.Files.writeString(privateKeyPem, "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            serviceApps.put(clientId, pair.getPublic());
            return clientId;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a service app key: " + e.getMessage(), e);
        }
    }

    /** Replaces the OAuth scopes granted to service apps. */
    public synchronized OktaSimulator grantedScopes(String... scopes) {
        grantedScopes.clear();
        grantedScopes.addAll(List.of(scopes));
        return this;
    }

    /** Page size of {@code GET /users/{id}/groups} when the client asks for no (or a larger) {@code limit}. */
    public synchronized OktaSimulator pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Seconds from a 429 to its {@code X-Rate-Limit-Reset} (rounded up to the next whole epoch second). */
    public synchronized OktaSimulator rateLimitResetSeconds(int seconds) {
        this.resetSeconds = seconds;
        return this;
    }

    /** A custom profile property (Okta rejects properties that are not in the user's profile schema). */
    public synchronized OktaSimulator customProfileProperty(String name) {
        customProfileProperties.add(name);
        return this;
    }

    /**
     * The next {@code count} requests whose method equals {@code method} (null: any) and whose path matches
     * {@code pathRegex} answer 429 with Okta's rate-limit headers and error body E0000047.
     */
    public synchronized OktaSimulator throttle(String method, String pathRegex, int count) {
        throttles.add(new Throttle(method, Pattern.compile(pathRegex), count));
        return this;
    }

    /** The next authenticated request fails with {@code status} (429, 500, 503 transient; 400, 403 not). */
    public synchronized OktaSimulator failNext(int status) {
        failures.add(status);
        return this;
    }

    // ------------------------------------------------------------------------------------------ seeding / inspection

    /** Adds a user ({@code status}: STAGED, PROVISIONED, ACTIVE, SUSPENDED, DEPROVISIONED ...) and returns its id. */
    public synchronized String addUser(String login, String firstName, String lastName, String status) {
        User u = new User("00u" + randomId(17), now());
        u.status = status;
        u.hasPassword = true;
        u.profile.put("login", login);
        u.profile.put("email", login.contains("@") ? login : login + "@example.com");
        u.profile.put("firstName", firstName);
        u.profile.put("lastName", lastName);
        users.put(u.id, u);
        return u.id;
    }

    /** Adds an {@code OKTA_GROUP} and returns its id. */
    public synchronized String addGroup(String name) {
        return addGroup(name, "OKTA_GROUP");
    }

    /** Adds a group of {@code type} ({@code OKTA_GROUP}, {@code APP_GROUP}, {@code BUILT_IN}) and returns its id. */
    public synchronized String addGroup(String name, String type) {
        Group g = new Group("00g" + randomId(17), name, type);
        groups.put(g.id, g);
        return g.id;
    }

    public synchronized void addMember(String groupId, String userId) {
        groups.get(groupId).members.add(userId);
    }

    /** Gives the user an Okta session (and an OAuth refresh token) and returns the session id. */
    public synchronized String addSession(String userId) {
        User u = users.get(userId);
        String sid = "102" + randomId(22);
        u.sessions.add(sid);
        u.oauthTokens++;
        return sid;
    }

    /** The user with this id or login, or null. */
    public synchronized Map<String, Object> user(String idOrLogin) {
        User u = find(idOrLogin);
        return u == null ? null : JSON.convertValue(userJson(u), Map.class);
    }

    public synchronized String userId(String login) {
        User u = find(login);
        return u == null ? null : u.id;
    }

    public synchronized String status(String idOrLogin) {
        return find(idOrLogin).status;
    }

    public synchronized int sessionCount(String idOrLogin) {
        return find(idOrLogin).sessions.size();
    }

    public synchronized int oauthTokenCount(String idOrLogin) {
        return find(idOrLogin).oauthTokens;
    }

    /** Group ids the user is a direct member of. */
    public synchronized List<String> groupsOf(String idOrLogin) {
        User u = find(idOrLogin);
        return groups.values().stream().filter(g -> g.members.contains(u.id)).map(g -> g.id).toList();
    }

    /** How many {@code DELETE /users/{id}/sessions} requests for this user were accepted (answered 204). */
    public synchronized int acceptedRevocations(String idOrLogin) {
        User u = find(idOrLogin);
        return u == null ? 0 : revocations.getOrDefault(u.id, 0);
    }

    /** Every request answered so far, in order. */
    public List<RequestRecord> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        Instant at = now();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String scheme = null;
        Response r;
        try {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            scheme = auth == null ? null : auth.split(" ", 2)[0];
            byte[] body = SimulatorHttp.readBody(ex);
            synchronized (this) {
                r = path.equals("/oauth2/v1/token") ? token(method, new String(body, StandardCharsets.UTF_8), at)
                        : route(method, path, SimulatorHttp.query(rawQuery), auth, body, at);
            }
        } catch (RuntimeException e) {
            r = error(500, "E0000009", "Internal Server Error", List.of());
        }
        synchronized (this) {
            remaining = Math.max(0, remaining - 1);
            long reset = r.rateLimitReset != null ? r.rateLimitReset.getEpochSecond()
                    : at.getEpochSecond() + 60;
            ex.getResponseHeaders().add("X-Rate-Limit-Limit", String.valueOf(RATE_LIMIT));
            ex.getResponseHeaders().add("X-Rate-Limit-Remaining", r.status == 429 ? "0" : String.valueOf(remaining));
            ex.getResponseHeaders().add("X-Rate-Limit-Reset", String.valueOf(reset));
        }
        ex.getResponseHeaders().add("X-Okta-Request-Id", randomId(20));
        r.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        log.add(new RequestRecord(at, method, path, path.startsWith("/oauth2/") ? null : rawQuery, r.status, scheme,
                r.rateLimitReset));
        SimulatorHttp.sendJson(ex, r.status, r.body, "application/json", JSON);
    }

    private Response route(String method, String path, Map<String, String> q, String auth, byte[] body, Instant at) {
        if (!authorised(auth)) {
            return error(401, "E0000011", "Invalid token provided", List.of());
        }
        for (Throttle t : throttles) {
            if (t.remaining > 0 && (t.method == null || t.method.equalsIgnoreCase(method))
                    && t.path.matcher(path).matches()) {
                t.remaining--;
                Instant reset = Instant.ofEpochSecond(at.plusSeconds(resetSeconds).plusMillis(999).getEpochSecond());
                Response r = error(429, "E0000047", "API call exceeded rate limit due to too many requests.",
                        List.of());
                r.rateLimitReset = reset;
                return r;
            }
        }
        if (!failures.isEmpty()) {
            int status = failures.remove(0);
            return switch (status) {
                case 429 -> {
                    Response r = error(429, "E0000047", "API call exceeded rate limit due to too many requests.",
                            List.of());
                    r.rateLimitReset = Instant.ofEpochSecond(at.getEpochSecond() + 1);
                    yield r;
                }
                case 403 -> error(403, "E0000006", "You do not have permission to perform the requested action",
                        List.of());
                case 400 -> error(400, "E0000001", "Api validation failed", List.of());
                case 503 -> error(503, "E0000010", "Service is in read only mode", List.of());
                default -> error(status, "E0000009", "Internal Server Error", List.of());
            };
        }
        if (!path.startsWith(API + "/")) {
            return notFound(path);
        }
        String[] seg = path.substring(API.length() + 1).split("/");
        for (int i = 0; i < seg.length; i++) {
            seg[i] = URLDecoder.decode(seg[i], StandardCharsets.UTF_8);
        }
        JsonNode json = SimulatorHttp.parseJson(JSON, body);
        if (seg[0].equals("users")) {
            return users(method, seg, q, json, path);
        }
        if (seg[0].equals("groups")) {
            return groups(method, seg, q, path);
        }
        return notFound(path);
    }

    /** Client credentials with private_key_jwt, as Okta's org authorization server serves it for API service apps. */
    private Response token(String method, String form, Instant at) {
        if (!method.equals("POST")) {
            return oauthError(405, "invalid_request", "The token endpoint accepts POST only.");
        }
        Map<String, String> f = SimulatorHttp.query(form);
        if (!"client_credentials".equals(f.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported.");
        }
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(f.get("client_assertion_type"))
                || f.get("client_assertion") == null) {
            return oauthError(401, "invalid_client", "Client authentication failed: client_assertion required.");
        }
        String[] parts = f.get("client_assertion").split("\\.");
        JsonNode header;
        JsonNode claims;
        try {
            header = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | RuntimeException e) {
            return oauthError(401, "invalid_client", "The client_assertion is not a valid JWT.");
        }
        String clientId = claims.path("iss").asText();
        java.security.PublicKey key = serviceApps.get(clientId);
        if (key == null || !clientId.equals(claims.path("sub").asText())) {
            return oauthError(401, "invalid_client", "The client_assertion token has an invalid issuer or subject.");
        }
        if (!"RS256".equals(header.path("alg").asText()) || !verify(key, parts)) {
            return oauthError(401, "invalid_client", "The client_assertion signature is invalid.");
        }
        long now = at.getEpochSecond();
        long exp = claims.path("exp").asLong();
        long iat = claims.path("iat").asLong(now);
        if (exp < now || exp - iat > 3600) {
            return oauthError(401, "invalid_client", "The client_assertion token is expired or lives too long.");
        }
        if (!(baseUrl() + "/oauth2/v1/token").equals(claims.path("aud").asText())) {
            return oauthError(401, "invalid_client", "The audience claim for client_assertion must be the endpoint"
                    + " invoked for the request.");
        }
        List<String> scopes = List.of(f.getOrDefault("scope", "").trim().split("\\s+"));
        if (scopes.isEmpty() || !grantedScopes.containsAll(scopes)) {
            return oauthError(400, "invalid_scope", "The following scopes are not allowed: "
                    + scopes.stream().filter(sc -> !grantedScopes.contains(sc)).toList());
        }
        String token = "eyJsim." + randomId(40);
        accessTokens.add(token);
        ObjectNode ok = JSON.createObjectNode();
        ok.put("token_type", "Bearer");
        ok.put("expires_in", 3600);
        ok.put("access_token", token);
        ok.put("scope", String.join(" ", scopes));
        return ok(ok);
    }

    private static boolean verify(java.security.PublicKey key, String[] parts) {
        try {
            java.security.Signature sig = java.security.Signature.getInstance("SHA256withRSA");
            sig.initVerify(key);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return sig.verify(java.util.Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private static Response oauthError(int status, String error, String description) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        return new Response(status, n);
    }

    private boolean authorised(String auth) {
        if (auth == null) {
            return false;
        }
        if (auth.startsWith("SSWS ")) {
            return apiTokens.contains(auth.substring(5).trim());
        }
        if (auth.startsWith("Bearer ")) {
            return accessTokens.contains(auth.substring(7).trim());
        }
        return false;
    }

    private Response users(String method, String[] seg, Map<String, String> q, JsonNode body, String path) {
        if (seg.length == 1) {
            if (method.equals("GET")) {
                return listUsers(q);
            }
            if (method.equals("POST")) {
                return createUser(q, body);
            }
            return methodNotAllowed();
        }
        User u = find(seg[1]);
        if (u == null) {
            return error(404, "E0000007", "Not found: Resource not found: " + seg[1] + " (User)", List.of());
        }
        if (seg.length == 2) {
            switch (method) {
                case "GET":
                    return ok(userJson(u));
                case "POST":
                    return updateProfile(u, body);
                case "DELETE":
                    if (!u.status.equals("DEPROVISIONED")) {
                        deactivate(u);
                    } else {
                        users.remove(u.id);
                        groups.values().forEach(g -> g.members.remove(u.id));
                    }
                    return new Response(204, null);
                default:
                    return methodNotAllowed();
            }
        }
        if (seg.length == 4 && seg[2].equals("lifecycle") && method.equals("POST")) {
            return lifecycle(u, seg[3]);
        }
        if (seg.length == 3 && seg[2].equals("groups") && method.equals("GET")) {
            return userGroups(u, q, path);
        }
        if (seg.length == 3 && seg[2].equals("sessions") && method.equals("DELETE")) {
            u.sessions.clear();
            if (!"false".equalsIgnoreCase(q.get("oauthTokens"))) {
                u.oauthTokens = 0;
            }
            revocations.merge(u.id, 1, Integer::sum);
            return new Response(204, null);
        }
        return notFound(path);
    }

    private Response listUsers(Map<String, String> q) {
        String expr = q.getOrDefault("search", q.get("filter"));
        ArrayNode out = JSON.createArrayNode();
        if (expr != null) {
            Matcher m = Pattern.compile("profile\\.(email|login)\\s+eq\\s+\"([^\"]*)\"").matcher(expr.trim());
            if (!m.matches()) {
                return error(400, "E0000031", "Invalid search criteria.", List.of());
            }
            for (User u : users.values()) {
                if (m.group(2).equalsIgnoreCase(String.valueOf(u.profile.get(m.group(1))))) {
                    out.add(userJson(u));
                }
            }
        } else {
            String prefix = q.getOrDefault("q", "").toLowerCase(Locale.ROOT);
            for (User u : users.values()) {
                if (u.profile.values().stream().anyMatch(v -> String.valueOf(v).toLowerCase(Locale.ROOT)
                        .startsWith(prefix))) {
                    out.add(userJson(u));
                }
            }
        }
        return ok(out);
    }

    private Response createUser(Map<String, String> q, JsonNode body) {
        JsonNode profile = body == null ? null : body.get("profile");
        if (profile == null || !profile.isObject()) {
            return error(400, "E0000003", "The request body was not well-formed.", List.of());
        }
        List<String> causes = new ArrayList<>();
        for (String required : List.of("login", "email", "firstName", "lastName")) {
            if (!profile.hasNonNull(required) || profile.get(required).asText().isBlank()) {
                causes.add(required + ": The field cannot be left blank");
            }
        }
        String login = profile.path("login").asText("");
        if (!login.isBlank() && find(login) != null) {
            causes.add("login: An object with this field already exists in the current organization");
        }
        profile.fieldNames().forEachRemaining(f -> {
            if (!BASE_PROFILE.contains(f) && !customProfileProperties.contains(f)) {
                causes.add("Property name '" + f + "' is not defined in profile");
            }
        });
        if (!causes.isEmpty()) {
            return error(400, "E0000001", "Api validation failed: " + causes.get(0).split(":")[0], causes);
        }
        User u = new User("00u" + randomId(17), now());
        profile.fields().forEachRemaining(e -> u.profile.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        u.hasPassword = body.path("credentials").path("password").hasNonNull("value");
        boolean activate = !"false".equalsIgnoreCase(q.getOrDefault("activate", "true"));
        u.status = activate ? (u.hasPassword ? "ACTIVE" : "PROVISIONED") : "STAGED";
        users.put(u.id, u);
        return ok(userJson(u));
    }

    private Response updateProfile(User u, JsonNode body) {
        JsonNode profile = body == null ? null : body.get("profile");
        if (profile == null || !profile.isObject()) {
            return error(400, "E0000003", "The request body was not well-formed.", List.of());
        }
        List<String> causes = new ArrayList<>();
        profile.fieldNames().forEachRemaining(f -> {
            if (!BASE_PROFILE.contains(f) && !customProfileProperties.contains(f)) {
                causes.add("Property name '" + f + "' is not defined in profile");
            }
        });
        if (!causes.isEmpty()) {
            return error(400, "E0000001", "Api validation failed: profile", causes);
        }
        profile.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                u.profile.remove(e.getKey());
            } else {
                u.profile.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        u.lastUpdated = now();
        return ok(userJson(u));
    }

    private Response lifecycle(User u, String op) {
        switch (op) {
            case "activate":
                if (u.status.equals("ACTIVE")) {
                    return error(403, "E0000016", "Activation failed because the user is already active", List.of());
                }
                u.status = u.hasPassword ? "ACTIVE" : "PROVISIONED";
                break;
            case "deactivate":
                deactivate(u);
                break;
            case "suspend":
                if (!u.status.equals("ACTIVE")) {
                    return error(400, "E0000001", "Api validation failed: status",
                            List.of("status: Cannot suspend a user that is not active"));
                }
                u.status = "SUSPENDED";
                break;
            case "unsuspend":
                if (!u.status.equals("SUSPENDED")) {
                    return error(400, "E0000001", "Api validation failed: status",
                            List.of("status: Cannot unsuspend a user that is not suspended"));
                }
                u.status = "ACTIVE";
                break;
            default:
                return error(404, "E0000007", "Not found: Resource not found: " + op, List.of());
        }
        u.statusChanged = now();
        return ok(JSON.createObjectNode());
    }

    private void deactivate(User u) {
        u.status = "DEPROVISIONED";
        u.sessions.clear();
        u.statusChanged = now();
    }

    private Response userGroups(User u, Map<String, String> q, String path) {
        List<Group> mine = groups.values().stream().filter(g -> g.members.contains(u.id)).toList();
        int limit = pageSize;
        if (q.get("limit") != null) {
            limit = Math.min(pageSize, Integer.parseInt(q.get("limit")));
        }
        int start = 0;
        if (q.get("after") != null) {
            for (int i = 0; i < mine.size(); i++) {
                if (mine.get(i).id.equals(q.get("after"))) {
                    start = i + 1;
                }
            }
        }
        ArrayNode out = JSON.createArrayNode();
        List<Group> page = mine.subList(Math.min(start, mine.size()), Math.min(start + limit, mine.size()));
        page.forEach(g -> out.add(groupJson(g)));
        Response r = ok(out);
        String self = baseUrl() + path;
        String link = "<" + self + "?limit=" + limit + ">; rel=\"self\"";
        if (start + limit < mine.size()) {
            link += ", <" + self + "?limit=" + limit + "&after=" + page.get(page.size() - 1).id + ">; rel=\"next\"";
        }
        r.headers.put("Link", link);
        return r;
    }

    private Response groups(String method, String[] seg, Map<String, String> q, String path) {
        if (seg.length == 1 && method.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            String search = q.get("search");
            if (search != null) {
                Matcher m = Pattern.compile("profile\\.name\\s+eq\\s+\"([^\"]*)\"").matcher(search.trim());
                if (!m.matches()) {
                    return error(400, "E0000031", "Invalid search criteria.", List.of());
                }
                groups.values().stream().filter(g -> g.name.equalsIgnoreCase(m.group(1)))
                        .forEach(g -> out.add(groupJson(g)));
            } else {
                String prefix = q.getOrDefault("q", "").toLowerCase(Locale.ROOT);
                groups.values().stream().filter(g -> g.name.toLowerCase(Locale.ROOT).startsWith(prefix))
                        .forEach(g -> out.add(groupJson(g)));
            }
            return ok(out);
        }
        if (seg.length < 2) {
            return methodNotAllowed();
        }
        Group g = groups.get(seg[1]);
        if (g == null) {
            return error(404, "E0000007", "Not found: Resource not found: " + seg[1] + " (UserGroup)", List.of());
        }
        if (seg.length == 2 && method.equals("GET")) {
            return ok(groupJson(g));
        }
        if (seg.length == 4 && seg[2].equals("users")) {
            User u = users.get(seg[3]);
            if (u == null) {
                return error(404, "E0000007", "Not found: Resource not found: " + seg[3] + " (User)", List.of());
            }
            if (!g.type.equals("OKTA_GROUP")) {
                return error(400, "E0000099", "Group membership can only be changed for groups of type OKTA_GROUP",
                        List.of());
            }
            if (method.equals("PUT")) {
                g.members.add(u.id);
                return new Response(204, null);
            }
            if (method.equals("DELETE")) {
                g.members.remove(u.id);
                return new Response(204, null);
            }
        }
        return notFound(path);
    }

    // ------------------------------------------------------------------------------------------ JSON shapes

    private ObjectNode userJson(User u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", u.id);
        n.put("status", u.status);
        n.put("created", u.created.toString());
        n.put("activated", u.status.equals("STAGED") ? null : u.created.toString());
        n.put("statusChanged", u.statusChanged == null ? null : u.statusChanged.toString());
        n.putNull("lastLogin");
        n.put("lastUpdated", u.lastUpdated.toString());
        n.putNull("passwordChanged");
        n.putObject("type").put("id", "oty1simulatortype");
        n.set("profile", JSON.valueToTree(u.profile));
        ObjectNode cred = n.putObject("credentials");
        cred.putObject("provider").put("type", "OKTA").put("name", "OKTA");
        n.putObject("_links").putObject("self").put("href", baseUrl() + API + "/users/" + u.id);
        return n;
    }

    private ObjectNode groupJson(Group g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", g.id);
        n.put("type", g.type);
        n.putObject("profile").put("name", g.name).put("description", (String) null);
        return n;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private User find(String key) {
        if (key == null) {
            return null;
        }
        User byId = users.get(key);
        if (byId != null) {
            return byId;
        }
        for (User u : users.values()) {
            if (key.equalsIgnoreCase(String.valueOf(u.profile.get("login")))) {
                return u;
            }
        }
        List<User> shortName = users.values().stream().filter(u -> {
            String login = String.valueOf(u.profile.get("login"));
            int at = login.indexOf('@');
            return at > 0 && login.substring(0, at).equalsIgnoreCase(key);
        }).toList();
        return shortName.size() == 1 ? shortName.get(0) : null;
    }

    private Response error(int status, String code, String summary, List<String> causes) {
        ObjectNode n = JSON.createObjectNode();
        n.put("errorCode", code);
        n.put("errorSummary", summary);
        n.put("errorLink", code);
        n.put("errorId", "oae" + randomId(19));
        ArrayNode arr = n.putArray("errorCauses");
        causes.forEach(c -> arr.addObject().put("errorSummary", c));
        return new Response(status, n);
    }

    private Response notFound(String path) {
        return error(404, "E0000022", "The endpoint does not support the provided HTTP method", List.of());
    }

    private Response methodNotAllowed() {
        return error(405, "E0000022", "The endpoint does not support the provided HTTP method", List.of());
    }

    private static Response ok(JsonNode body) {
        return new Response(200, body);
    }

    private String randomId(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private Instant now() {
        return clock.instant();
    }

    /** URL-encodes a path segment the way the provider should. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final class User {
        final String id;
        final Instant created;
        Instant lastUpdated;
        Instant statusChanged;
        String status = "ACTIVE";
        boolean hasPassword;
        final Map<String, Object> profile = new LinkedHashMap<>();
        final List<String> sessions = new ArrayList<>();
        int oauthTokens;

        User(String id, Instant created) {
            this.id = id;
            this.created = created;
            this.lastUpdated = created;
        }
    }

    private static final class Group {
        final String id;
        final String name;
        final String type;
        final Set<String> members = new LinkedHashSet<>();

        Group(String id, String name, String type) {
            this.id = id;
            this.name = name;
            this.type = type;
        }
    }

    private static final class Throttle {
        final String method;
        final Pattern path;
        int remaining;

        Throttle(String method, Pattern path, int remaining) {
            this.method = method;
            this.path = path;
            this.remaining = remaining;
        }
    }

    private static final class Response {
        final int status;
        final JsonNode body;
        final Map<String, String> headers = new LinkedHashMap<>();
        Instant rateLimitReset;

        Response(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }
    }
}
