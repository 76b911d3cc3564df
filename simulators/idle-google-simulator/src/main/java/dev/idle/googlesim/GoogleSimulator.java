package dev.idle.googlesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.idle.simsupport.JwtSignatures;
import dev.idle.simsupport.PlannedAnswers;
import dev.idle.simsupport.SimulatorHttp;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A stateful simulator of Google's OAuth 2.0 token endpoint (JWT bearer grant for service accounts with domain-wide
 * delegation) and of the parts of the Admin SDK Directory API ({@code /admin/directory/v1}) the Google Workspace
 * provider uses, on plain HTTP bound to the loopback interface at an ephemeral port.
 *
 * <p>It follows Google's documented requests and responses: user resources ({@code users.get/insert/update/patch/
 * delete/signOut}), groups ({@code groups.get}, {@code groups.list?userKey=} with {@code maxResults}/{@code pageToken}
 * paging), members ({@code members.insert/delete}), and Google's error body
 * {@code {"error":{"code","message","errors":[{"message","domain","reason"}],"status"}}}; rate limiting answers 429
 * ({@code rateLimitExceeded}) or 403 ({@code userRateLimitExceeded}) with {@code Retry-After}.
 *
 * <p>The token endpoint checks the assertion's RS256 signature against the key it generated in
 * {@link #createServiceAccount}, its audience, lifetime, scopes authorised for delegation, and that the subject is an
 * admin user. Access tokens carry the delegated admin; nothing secret is logged.
 */
public final class GoogleSimulator implements AutoCloseable {
    public static final String SCOPE_USER = "https://www.googleapis.com/auth/admin.directory.user";
    public static final String SCOPE_GROUP = "https://www.googleapis.com/auth/admin.directory.group";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/admin/directory/v1";

    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();
    private final String domain;
    private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
    private final Map<String, String> accessTokens = new HashMap<>();
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    private final Map<String, ObjectNode> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, Integer> sessions = new HashMap<>();
    private final Map<String, Integer> revocations = new HashMap<>();
    private final Set<String> orgUnits = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /** Planned rate-limit answers ({@link #throttle}: 429 or 403) and failures ({@link #failNext}). */
    private final PlannedAnswers<Planned> planned = new PlannedAnswers<>();
    private final List<RequestRecord> log = Collections.synchronizedList(new ArrayList<>());
    private int pageSize = 200;
    private int retryAfterSeconds = 1;
    private long nextId = 100_000_000_000_000_000L;

    private GoogleSimulator(String domain) throws IOException {
        this.domain = domain.toLowerCase(Locale.ROOT);
        orgUnits.add("/");
        server = SimulatorHttp.startLoopback("google-simulator", this::handle);
    }

    /** Starts a simulator for the primary domain {@code domain} on 127.0.0.1 at an ephemeral port. */
    public static GoogleSimulator start(String domain) {
        try {
            return new GoogleSimulator(domain);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Google simulator: " + e.getMessage(), e);
        }
    }

    /** Starts one for {@code example.com}, writes a service-account key to the given file (args[0]), seeds a user. */
    public static void main(String[] args) throws InterruptedException {
        GoogleSimulator sim = start("example.com");
        Path key = Path.of(args.length > 0 ? args[0] : "google-sim-key.json");
        sim.addUser("admin@example.com", "Ada", "Admin", true);
        sim.createServiceAccount("idle@sim-project.iam.gserviceaccount.com", key);
        sim.addUser("jdoe@example.com", "John", "Doe", false);
        sim.addSession("jdoe@example.com");
        sim.addMember(sim.addGroup("sales@example.com", "Sales"), "jdoe@example.com");
        System.out.println("Google simulator: " + sim.baseUrl() + " (token endpoint " + sim.tokenUri() + ")");
        System.out.println("Service-account key written to " + key.toAbsolutePath() + "; subject admin@example.com");
        Thread.currentThread().join();
    }

    /** {@code http://127.0.0.1:<port>}, the value for the provider's {@code baseUrl} option. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The token endpoint, written into generated key files as {@code token_uri}. */
    public String tokenUri() {
        return baseUrl() + "/token";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------------------------------ configuration

    /**
     * Creates a service account with a new RSA key, authorises it for domain-wide delegation with the user and group
     * directory scopes, and writes its JSON key file (Google's format, {@code token_uri} = this simulator).
     *
     * @return the client id
     */
    public synchronized String createServiceAccount(String clientEmail, Path keyFile) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            String clientId = String.valueOf(nextId++);
            String keyId = hex(20);
            ObjectNode key = JSON.createObjectNode();
            key.put("type", "service_account");
            key.put("project_id", "sim-project");
            key.put("private_key_id", keyId);
            key.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            key.put("client_email", clientEmail);
            key.put("client_id", clientId);
            key.put("auth_uri", baseUrl() + "/o/oauth2/auth");
            key.put("token_uri", tokenUri());
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.writeString(keyFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(key));
            serviceAccounts.put(clientEmail.toLowerCase(Locale.ROOT), new ServiceAccount(clientId, keyId,
                    pair.getPublic(), new LinkedHashSet<>(List.of(SCOPE_USER, SCOPE_GROUP))));
            return clientId;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a service account key: " + e.getMessage(), e);
        }
    }

    /** Replaces the scopes the admin console authorised for this service account's domain-wide delegation. */
    public synchronized GoogleSimulator delegatedScopes(String clientEmail, String... scopes) {
        serviceAccounts.get(clientEmail.toLowerCase(Locale.ROOT)).scopes = new LinkedHashSet<>(List.of(scopes));
        return this;
    }

    public synchronized GoogleSimulator pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** The {@code Retry-After} (seconds) sent with rate-limit answers. */
    public synchronized GoogleSimulator retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public synchronized GoogleSimulator addOrgUnit(String path) {
        orgUnits.add(path);
        return this;
    }

    /**
     * The next {@code count} requests with {@code method} (null: any) whose path matches {@code pathRegex} are
     * rate-limited: {@code status} 429 ({@code rateLimitExceeded}) or 403 ({@code userRateLimitExceeded}), with
     * {@code Retry-After}.
     */
    public synchronized GoogleSimulator throttle(String method, String pathRegex, int count, int status) {
        planned.forMatching(method, Pattern.compile(pathRegex), count, new Planned(true, status));
        return this;
    }

    /** The next Directory API request fails with {@code status} (429, 500, 503 transient; 400, 403 not). */
    public synchronized GoogleSimulator failNext(int status) {
        planned.forNext(new Planned(false, status));
        return this;
    }

    // ------------------------------------------------------------------------------------------ seeding / inspection

    /** Adds a user and returns its id. */
    public synchronized String addUser(String primaryEmail, String givenName, String familyName, boolean admin) {
        ObjectNode u = newUser(primaryEmail.toLowerCase(Locale.ROOT), givenName, familyName);
        u.put("isAdmin", admin);
        users.put(u.get("id").asText(), u);
        return u.get("id").asText();
    }

    /** Adds a group and returns its id. */
    public synchronized String addGroup(String email, String name) {
        ObjectNode g = JSON.createObjectNode();
        String id = "0" + hex(14);
        g.put("kind", "admin#directory#group");
        g.put("id", id);
        g.put("etag", "\"" + hex(16) + "\"");
        g.put("email", email.toLowerCase(Locale.ROOT));
        g.put("name", name);
        g.put("directMembersCount", "0");
        g.put("description", "");
        g.put("adminCreated", true);
        groups.put(id, g);
        members.put(id, new LinkedHashSet<>());
        return id;
    }

    public synchronized void addMember(String groupKey, String userKey) {
        members.get(findGroup(groupKey).get("id").asText()).add(findUser(userKey).get("id").asText());
    }

    /** Gives the user one more web/device session. */
    public synchronized void addSession(String userKey) {
        sessions.merge(findUser(userKey).get("id").asText(), 1, Integer::sum);
    }

    public synchronized int sessionCount(String userKey) {
        return sessions.getOrDefault(findUser(userKey).get("id").asText(), 0);
    }

    /** How many {@code users.signOut} requests for this user were accepted (answered 204). */
    public synchronized int acceptedRevocations(String userKey) {
        ObjectNode u = findUser(userKey);
        return u == null ? 0 : revocations.getOrDefault(u.get("id").asText(), 0);
    }

    /** The user resource (as users.get returns it), or null. */
    public synchronized Map<String, Object> user(String userKey) {
        ObjectNode u = findUser(userKey);
        return u == null ? null : JSON.convertValue(u, Map.class);
    }

    /** Emails of the groups the user is a direct member of. */
    public synchronized List<String> groupsOf(String userKey) {
        String uid = findUser(userKey).get("id").asText();
        return groups.values().stream().filter(g -> members.get(g.get("id").asText()).contains(uid))
                .map(g -> g.get("email").asText()).toList();
    }

    public List<RequestRecord> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        Instant at = Instant.now();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String scheme = auth == null ? null : auth.split(" ", 2)[0];
        Response r;
        try {
            byte[] body = SimulatorHttp.readBody(ex);
            synchronized (this) {
                r = path.equals("/token") ? token(method, new String(body, StandardCharsets.UTF_8), at)
                        : route(method, path, SimulatorHttp.query(rawQuery), auth, body, at);
            }
        } catch (RuntimeException e) {
            r = error(500, "Internal error encountered.", "backendError", "INTERNAL");
        }
        r.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        log.add(new RequestRecord(at, method, path, path.equals("/token") ? null : rawQuery, r.status, scheme,
                r.notBefore));
        SimulatorHttp.sendJson(ex, r.status, r.body, "application/json; charset=UTF-8", JSON);
    }

    /** RFC 7523 JWT bearer grant as Google's token endpoint implements it for service accounts. */
    private Response token(String method, String form, Instant at) {
        if (!method.equals("POST")) {
            return oauthError(405, "invalid_request", "Method not allowed");
        }
        Map<String, String> f = SimulatorHttp.query(form);
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(f.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "Invalid grant_type: " + f.get("grant_type"));
        }
        String assertion = f.get("assertion");
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            return oauthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token and in a"
                    + " reasonable timeframe");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return oauthError(400, "invalid_grant", "Invalid JWT format");
        }
        ServiceAccount sa = serviceAccounts.get(claims.path("iss").asText().toLowerCase(Locale.ROOT));
        if (sa == null) {
            return oauthError(400, "invalid_grant", "Invalid grant: account not found");
        }
        if (!"RS256".equals(header.path("alg").asText()) || !JwtSignatures.rs256Valid(sa.publicKey, parts)) {
            return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
        }
        long iat = claims.path("iat").asLong();
        long exp = claims.path("exp").asLong();
        long now = at.getEpochSecond();
        if (exp - iat > 3600 || exp < now || iat > now + 300) {
            return oauthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes)"
                    + " and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
        }
        if (!tokenUri().equals(claims.path("aud").asText())) {
            return oauthError(400, "invalid_grant", "Invalid JWT: Failed audience check.");
        }
        String subject = claims.path("sub").asText(null);
        Set<String> scopes = new LinkedHashSet<>(List.of(claims.path("scope").asText("").trim().split("\\s+")));
        if (subject == null || !sa.scopes.containsAll(scopes) || scopes.isEmpty()) {
            return oauthError(401, "unauthorized_client", "Client is unauthorized to retrieve access tokens using"
                    + " this method, or client not authorized for any of the scopes requested.");
        }
        ObjectNode admin = findUser(subject);
        if (admin == null || !admin.path("isAdmin").asBoolean()) {
            return oauthError(400, "invalid_grant", "Invalid email or User ID");
        }
        String accessToken = "ya29.sim-" + hex(40);
        accessTokens.put(accessToken, admin.get("primaryEmail").asText());
        ObjectNode ok = JSON.createObjectNode();
        ok.put("access_token", accessToken);
        ok.put("expires_in", 3599);
        ok.put("token_type", "Bearer");
        return new Response(200, ok);
    }

    private Response route(String method, String path, Map<String, String> q, String auth, byte[] body, Instant at) {
        if (auth == null || !auth.startsWith("Bearer ") || !accessTokens.containsKey(auth.substring(7).trim())) {
            Response r = error(401, "Request had invalid authentication credentials. Expected OAuth 2 access token,"
                    + " login cookie or other valid authentication credential.", "authError", "UNAUTHENTICATED");
            r.headers.put("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
            return r;
        }
        Planned p = planned.take(method, path);
        if (p != null && p.rateLimit()) {
            return rateLimited(p.status(), at);
        }
        if (p != null) {
            return switch (p.status()) {
                case 429 -> rateLimited(429, at);
                case 403 -> error(403, "Not Authorized to access this resource/api", "forbidden",
                        "PERMISSION_DENIED");
                case 400 -> error(400, "Invalid Input", "invalid", "INVALID_ARGUMENT");
                case 503 -> error(503, "The service is currently unavailable.", "backendError", "UNAVAILABLE");
                default -> error(p.status(), "Internal error encountered.", "backendError", "INTERNAL");
            };
        }
        if (!path.startsWith(API + "/")) {
            return error(404, "Not Found", "notFound", "NOT_FOUND");
        }
        String[] seg = path.substring(API.length() + 1).split("/");
        for (int i = 0; i < seg.length; i++) {
            seg[i] = URLDecoder.decode(seg[i], StandardCharsets.UTF_8);
        }
        JsonNode json = SimulatorHttp.parseJson(JSON, body);
        if (seg[0].equals("users")) {
            return users(method, seg, json);
        }
        if (seg[0].equals("groups")) {
            return groups(method, seg, q, json);
        }
        return error(404, "Not Found", "notFound", "NOT_FOUND");
    }

    private Response rateLimited(int status, Instant at) {
        Response r = status == 403
                ? error(403, "User Rate Limit Exceeded", "userRateLimitExceeded", "PERMISSION_DENIED")
                : error(429, "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'"
                        + " of service 'admin.googleapis.com'.", "rateLimitExceeded", "RESOURCE_EXHAUSTED");
        r.headers.put("Retry-After", String.valueOf(retryAfterSeconds));
        r.notBefore = at.plusSeconds(retryAfterSeconds);
        return r;
    }

    private Response users(String method, String[] seg, JsonNode body) {
        if (seg.length == 1) {
            return method.equals("POST") ? insertUser(body) : error(405, "Method not allowed", "invalid",
                    "INVALID_ARGUMENT");
        }
        ObjectNode u = findUser(seg[1]);
        if (u == null) {
            return notFound("userKey");
        }
        String id = u.get("id").asText();
        if (seg.length == 2) {
            switch (method) {
                case "GET":
                    return new Response(200, u.deepCopy());
                case "PUT":
                case "PATCH":
                    return updateUser(u, body);
                case "DELETE":
                    users.remove(id);
                    members.values().forEach(m -> m.remove(id));
                    sessions.remove(id);
                    return new Response(204, null);
                default:
                    return error(405, "Method not allowed", "invalid", "INVALID_ARGUMENT");
            }
        }
        if (seg.length == 3 && seg[2].equals("signOut") && method.equals("POST")) {
            sessions.remove(id);
            revocations.merge(id, 1, Integer::sum);
            return new Response(204, null);
        }
        return error(404, "Not Found", "notFound", "NOT_FOUND");
    }

    private Response insertUser(JsonNode body) {
        if (body == null || !body.isObject()) {
            return error(400, "Invalid Input", "invalid", "INVALID_ARGUMENT");
        }
        String email = body.path("primaryEmail").asText("").toLowerCase(Locale.ROOT);
        if (email.isBlank() || !email.endsWith("@" + domain)) {
            return error(400, "Invalid Input: primary_user_email", "invalid", "INVALID_ARGUMENT");
        }
        if (findUser(email) != null) {
            return error(409, "Entity already exists.", "duplicate", "ALREADY_EXISTS");
        }
        if (body.path("name").path("givenName").asText("").isBlank()) {
            return error(400, "Invalid Given/Family Name: GivenName", "invalid", "INVALID_ARGUMENT");
        }
        if (body.path("name").path("familyName").asText("").isBlank()) {
            return error(400, "Invalid Given/Family Name: FamilyName", "invalid", "INVALID_ARGUMENT");
        }
        if (body.path("password").asText("").length() < 8) {
            return error(400, "Invalid Password", "invalid", "INVALID_ARGUMENT");
        }
        String ou = body.path("orgUnitPath").asText("/");
        if (!orgUnits.contains(ou)) {
            return error(400, "Invalid Input: INVALID_OU_ID", "invalid", "INVALID_ARGUMENT");
        }
        ObjectNode u = newUser(email, body.path("name").path("givenName").asText(),
                body.path("name").path("familyName").asText());
        merge(u, body);
        u.remove("password");
        u.remove("hashFunction");
        users.put(u.get("id").asText(), u);
        return new Response(200, u.deepCopy());
    }

    private Response updateUser(ObjectNode u, JsonNode body) {
        if (body == null || !body.isObject()) {
            return error(400, "Invalid Input", "invalid", "INVALID_ARGUMENT");
        }
        if (body.has("orgUnitPath") && !orgUnits.contains(body.get("orgUnitPath").asText())) {
            return error(400, "Invalid Input: INVALID_OU_ID", "invalid", "INVALID_ARGUMENT");
        }
        if (body.has("primaryEmail")) {
            ObjectNode other = findUser(body.get("primaryEmail").asText());
            if (other != null && other != u) {
                return error(409, "Entity already exists.", "duplicate", "ALREADY_EXISTS");
            }
        }
        merge(u, body);
        u.remove("password");
        if (u.path("suspended").asBoolean()) {
            if (!u.has("suspensionReason")) {
                u.put("suspensionReason", "ADMIN");
            }
        } else {
            u.remove("suspensionReason");
        }
        ObjectNode name = (ObjectNode) u.get("name");
        name.put("fullName", name.path("givenName").asText() + " " + name.path("familyName").asText());
        u.put("etag", "\"" + hex(16) + "\"");
        return new Response(200, u.deepCopy());
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, e.getValue());
            } else if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private Response groups(String method, String[] seg, Map<String, String> q, JsonNode body) {
        if (seg.length == 1 && method.equals("GET")) {
            return listGroups(q);
        }
        if (seg.length < 2) {
            return error(405, "Method not allowed", "invalid", "INVALID_ARGUMENT");
        }
        ObjectNode g = findGroup(seg[1]);
        if (g == null) {
            return notFound("groupKey");
        }
        Set<String> m = members.get(g.get("id").asText());
        if (seg.length == 2 && method.equals("GET")) {
            return new Response(200, withCount(g));
        }
        if (seg.length == 3 && seg[2].equals("members") && method.equals("POST")) {
            String email = body == null ? "" : body.path("email").asText(body.path("id").asText(""));
            ObjectNode u = findUser(email);
            if (u == null) {
                return notFound("memberKey");
            }
            if (!m.add(u.get("id").asText())) {
                return error(409, "Member already exists.", "duplicate", "ALREADY_EXISTS");
            }
            ObjectNode member = JSON.createObjectNode();
            member.put("kind", "admin#directory#member");
            member.put("id", u.get("id").asText());
            member.put("email", u.get("primaryEmail").asText());
            member.put("role", body.path("role").asText("MEMBER"));
            member.put("type", "USER");
            member.put("status", "ACTIVE");
            return new Response(200, member);
        }
        if (seg.length == 4 && seg[2].equals("members") && method.equals("DELETE")) {
            ObjectNode u = findUser(seg[3]);
            if (u == null || !m.remove(u.get("id").asText())) {
                return notFound("memberKey");
            }
            return new Response(204, null);
        }
        return error(404, "Not Found", "notFound", "NOT_FOUND");
    }

    private Response listGroups(Map<String, String> q) {
        List<ObjectNode> matching = new ArrayList<>();
        if (q.get("userKey") != null) {
            ObjectNode u = findUser(q.get("userKey"));
            if (u == null) {
                return notFound("userKey");
            }
            String uid = u.get("id").asText();
            groups.values().stream().filter(g -> members.get(g.get("id").asText()).contains(uid))
                    .forEach(matching::add);
        } else {
            matching.addAll(groups.values());
        }
        int max = 200;
        if (q.get("maxResults") != null) {
            try {
                max = Integer.parseInt(q.get("maxResults"));
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max < 1 || max > 200) {
                return error(400, "Invalid value '" + q.get("maxResults") + "'. Values must be within the range: "
                        + "[1, 200]", "invalid", "INVALID_ARGUMENT");
            }
        }
        max = Math.min(pageSize, max);
        int start = 0;
        if (q.get("pageToken") != null) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(q.get("pageToken")),
                        StandardCharsets.UTF_8).replace("offset:", ""));
            } catch (IllegalArgumentException e) {
                return error(400, "Invalid Input: pageToken", "invalid", "INVALID_ARGUMENT");
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("kind", "admin#directory#groups");
        out.put("etag", "\"" + hex(16) + "\"");
        if (start < matching.size()) {
            ArrayNode arr = out.putArray("groups");
            matching.subList(start, Math.min(start + max, matching.size())).forEach(g -> arr.add(withCount(g)));
        }
        if (start + max < matching.size()) {
            out.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("offset:" + (start + max)).getBytes(StandardCharsets.UTF_8)));
        }
        return new Response(200, out);
    }

    private ObjectNode withCount(ObjectNode g) {
        ObjectNode copy = g.deepCopy();
        copy.put("directMembersCount", String.valueOf(members.get(g.get("id").asText()).size()));
        return copy;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private ObjectNode newUser(String email, String givenName, String familyName) {
        ObjectNode u = JSON.createObjectNode();
        u.put("kind", "admin#directory#user");
        u.put("id", String.valueOf(nextId++));
        u.put("etag", "\"" + hex(16) + "\"");
        u.put("primaryEmail", email);
        ObjectNode name = u.putObject("name");
        name.put("givenName", givenName);
        name.put("familyName", familyName);
        name.put("fullName", givenName + " " + familyName);
        u.put("isAdmin", false);
        u.put("isDelegatedAdmin", false);
        u.put("lastLoginTime", "1970-01-01T00:00:00.000Z");
        u.put("creationTime", Instant.now().toString());
        u.put("agreedToTerms", true);
        u.put("suspended", false);
        u.put("archived", false);
        u.put("changePasswordAtNextLogin", false);
        u.put("ipWhitelisted", false);
        u.putArray("emails").addObject().put("address", email).put("primary", true);
        u.put("customerId", "C0simula7");
        u.put("orgUnitPath", "/");
        u.put("isMailboxSetup", true);
        u.put("includeInGlobalAddressList", true);
        return u;
    }

    private ObjectNode findUser(String key) {
        if (key == null) {
            return null;
        }
        ObjectNode byId = users.get(key);
        if (byId != null) {
            return byId;
        }
        for (ObjectNode u : users.values()) {
            if (u.get("primaryEmail").asText().equalsIgnoreCase(key)) {
                return u;
            }
            for (JsonNode alias : u.path("aliases")) {
                if (alias.asText().equalsIgnoreCase(key)) {
                    return u;
                }
            }
        }
        return null;
    }

    private ObjectNode findGroup(String key) {
        ObjectNode byId = groups.get(key);
        if (byId != null) {
            return byId;
        }
        return groups.values().stream().filter(g -> g.get("email").asText().equalsIgnoreCase(key)).findFirst()
                .orElse(null);
    }

    private Response notFound(String what) {
        return error(404, "Resource Not Found: " + what, "notFound", "NOT_FOUND");
    }

    private static Response error(int code, String message, String reason, String status) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error");
        e.put("code", code);
        e.put("message", message);
        e.putArray("errors").addObject().put("message", message)
                .put("domain", reason.endsWith("RateLimitExceeded") || reason.equals("rateLimitExceeded")
                        ? "usageLimits" : "global")
                .put("reason", reason);
        e.put("status", status);
        return new Response(code, n);
    }

    private static Response oauthError(int code, String error, String description) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        return new Response(code, n);
    }

    private String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return sb.toString();
    }

    private static final class ServiceAccount {
        final String clientId;
        final String keyId;
        final PublicKey publicKey;
        Set<String> scopes;

        ServiceAccount(String clientId, String keyId, PublicKey publicKey, Set<String> scopes) {
            this.clientId = clientId;
            this.keyId = keyId;
            this.publicKey = publicKey;
            this.scopes = scopes;
        }
    }

    /** A planned answer: a rate limit from {@link #throttle} (429 or 403) or a failure from {@link #failNext}. */
    private record Planned(boolean rateLimit, int status) {
    }

    private static final class Response {
        final int status;
        final JsonNode body;
        final Map<String, String> headers = new LinkedHashMap<>();
        Instant notBefore;

        Response(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }
    }
}
