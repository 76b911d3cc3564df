package dev.idle.googlesim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.idle.simsupport.SimulatorFiles;
import dev.idle.simsupport.SimulatorHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stateful simulator of Google's OAuth 2.0 token endpoint (JWT bearer grant for service accounts with domain-wide
 * delegation) and of the parts of the Admin SDK Directory API ({@code /admin/directory/v1}) the Google Workspace
 * provider uses, on plain HTTP bound to 127.0.0.1 at an ephemeral port.
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
 *
 * <p>This class is the public face (set-up, seeding, inspection); {@link GoogleRouter} and one handler per resource
 * family serve the requests. Thread-safe: everything synchronises on the one {@link GoogleTenant}.
 */
public final class GoogleSimulator implements AutoCloseable {
    public static final String SCOPE_USER = "https://www.googleapis.com/auth/admin.directory.user";
    public static final String SCOPE_GROUP = "https://www.googleapis.com/auth/admin.directory.group";

    private final GoogleTenant tenant;
    private final GoogleRouter router;
    private final HttpServer server;

    private GoogleSimulator(String domain) throws IOException {
        this.tenant = new GoogleTenant(domain.toLowerCase(Locale.ROOT));
        this.router = new GoogleRouter(tenant);
        this.server = SimulatorHttp.startLoopback("google-simulator", router::handle);
        tenant.listeningOn(server.getAddress().getPort());
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
        return tenant.baseUrl();
    }

    /** The token endpoint, written into generated key files as {@code token_uri}. */
    public String tokenUri() {
        return tenant.tokenUri();
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
    public String createServiceAccount(String clientEmail, Path keyFile) {
        synchronized (tenant) {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                KeyPair pair = gen.generateKeyPair();
                String clientId = String.valueOf(tenant.nextId++);
                String keyId = tenant.hex(20);
                ObjectNode key = GoogleTenant.JSON.createObjectNode();
                key.put("type", "service_account");
                key.put("project_id", "sim-project");
                key.put("private_key_id", keyId);
                key.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
                key.put("client_email", clientEmail);
                key.put("client_id", clientId);
                key.put("auth_uri", tenant.baseUrl() + "/o/oauth2/auth");
                key.put("token_uri", tenant.tokenUri());
                SimulatorFiles.writePrivate(keyFile, GoogleTenant.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(key));
                tenant.serviceAccounts.put(clientEmail.toLowerCase(Locale.ROOT), new GoogleTenant.ServiceAccount(clientId, keyId,
                        pair.getPublic(), new LinkedHashSet<>(List.of(SCOPE_USER, SCOPE_GROUP))));
                return clientId;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot create a service account key: " + e.getMessage(), e);
            }
        }
    }

    /** Replaces the scopes the admin console authorised for this service account's domain-wide delegation. */
    public GoogleSimulator delegatedScopes(String clientEmail, String... scopes) {
        synchronized (tenant) {
            tenant.serviceAccounts.get(clientEmail.toLowerCase(Locale.ROOT)).scopes =
                    new LinkedHashSet<>(List.of(scopes));
            return this;
        }
    }

    public GoogleSimulator pageSize(int size) {
        synchronized (tenant) {
            tenant.pageSize = size;
        }
        return this;
    }

    /** The {@code Retry-After} (seconds) sent with rate-limit answers. */
    public GoogleSimulator retryAfterSeconds(int seconds) {
        router.retryAfterSeconds(seconds);
        return this;
    }

    public GoogleSimulator addOrgUnit(String path) {
        synchronized (tenant) {
            tenant.orgUnits.add(path);
            return this;
        }
    }

    /**
     * The next {@code count} requests with {@code method} (null: any) whose path matches {@code pathRegex} are
     * rate-limited: {@code status} 429 ({@code rateLimitExceeded}) or 403 ({@code userRateLimitExceeded}), with
     * {@code Retry-After}.
     */
    public GoogleSimulator throttle(String method, String pathRegex, int count, int status) {
        router.throttle(method, Pattern.compile(pathRegex), count, status);
        return this;
    }

    /** The next Directory API request fails with {@code status} (429, 500, 503 transient; 400, 403 not). */
    public GoogleSimulator failNext(int status) {
        router.failNext(status);
        return this;
    }

    // ------------------------------------------------------------------------------------------ seeding / inspection

    /** Adds a user and returns its id. */
    public String addUser(String primaryEmail, String givenName, String familyName, boolean admin) {
        synchronized (tenant) {
            ObjectNode u = tenant.newUser(primaryEmail.toLowerCase(Locale.ROOT), givenName, familyName);
            u.put("isAdmin", admin);
            tenant.users.put(u.get("id").asText(), u);
            return u.get("id").asText();
        }
    }

    /** Adds a group and returns its id. */
    public String addGroup(String email, String name) {
        synchronized (tenant) {
            ObjectNode g = GoogleTenant.JSON.createObjectNode();
            String id = "0" + tenant.hex(14);
            g.put("kind", "admin#directory#group");
            g.put("id", id);
            g.put("etag", "\"" + tenant.hex(16) + "\"");
            g.put("email", email.toLowerCase(Locale.ROOT));
            g.put("name", name);
            g.put("directMembersCount", "0");
            g.put("description", "");
            g.put("adminCreated", true);
            tenant.groups.put(id, g);
            tenant.members.put(id, new LinkedHashSet<>());
            return id;
        }
    }

    public void addMember(String groupKey, String userKey) {
        synchronized (tenant) {
            tenant.members.get(tenant.findGroup(groupKey).get("id").asText())
                    .add(tenant.findUser(userKey).get("id").asText());
        }
    }

    /** Gives the user one more web/device session. */
    public void addSession(String userKey) {
        synchronized (tenant) {
            tenant.sessions.merge(tenant.findUser(userKey).get("id").asText(), 1, Integer::sum);
        }
    }

    public int sessionCount(String userKey) {
        synchronized (tenant) {
            return tenant.sessions.getOrDefault(tenant.findUser(userKey).get("id").asText(), 0);
        }
    }

    /** How many {@code users.signOut} requests for this user were accepted (answered 204). */
    public int acceptedRevocations(String userKey) {
        synchronized (tenant) {
            ObjectNode u = tenant.findUser(userKey);
            return u == null ? 0 : tenant.revocations.getOrDefault(u.get("id").asText(), 0);
        }
    }

    /** The user resource (as users.get returns it), or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> user(String userKey) {
        synchronized (tenant) {
            ObjectNode u = tenant.findUser(userKey);
            return u == null ? null : GoogleTenant.JSON.convertValue(u, Map.class);
        }
    }

    /** Emails of the groups the user is a direct member of. */
    public List<String> groupsOf(String userKey) {
        synchronized (tenant) {
            String uid = tenant.findUser(userKey).get("id").asText();
            return tenant.groups.values().stream().filter(g -> tenant.members.get(g.get("id").asText()).contains(uid))
                    .map(g -> g.get("email").asText()).toList();
        }
    }

    /** Every request answered so far, in order. */
    public List<RequestRecord> requests() {
        return router.requests();
    }
}
