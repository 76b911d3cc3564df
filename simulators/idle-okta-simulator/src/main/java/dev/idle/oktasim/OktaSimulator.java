package dev.idle.oktasim;

import com.sun.net.httpserver.HttpServer;
import dev.idle.simsupport.SimulatorFiles;
import dev.idle.simsupport.SimulatorHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stateful simulator of the parts of the Okta Management API (v1) the Okta provider uses, on plain HTTP bound to
 * 127.0.0.1 at an ephemeral port. It follows Okta's documented requests, responses, error bodies
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
 * Okta emulator: features outside the provider's needs are absent. This class is the public face (set-up, seeding,
 * inspection); {@link OktaRouter} and one handler per resource family serve the requests. Thread-safe: everything
 * synchronises on the one {@link OktaTenant}.
 */
public final class OktaSimulator implements AutoCloseable {
    private final OktaTenant tenant;
    private final RateLimits rateLimits = new RateLimits();
    private final OktaRouter router;
    private final HttpServer server;

    private OktaSimulator(Clock clock) throws IOException {
        this.tenant = new OktaTenant(clock);
        this.router = new OktaRouter(tenant, rateLimits);
        this.server = SimulatorHttp.startLoopback("okta-simulator", router::handle);
        tenant.listeningOn(server.getAddress().getPort());
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
        return tenant.baseUrl();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------------------------------ configuration

    /** Generates an API token the simulator accepts as {@code Authorization: SSWS <token>}. */
    public String newApiToken() {
        synchronized (tenant) {
            String token = "00" + tenant.randomId(40);
            tenant.apiTokens.add(token);
            return token;
        }
    }

    /** Accepts {@code token} as an API token ({@code SSWS}). */
    public OktaSimulator acceptApiToken(String token) {
        synchronized (tenant) {
            tenant.apiTokens.add(token);
        }
        return this;
    }

    /** Accepts {@code token} as an OAuth 2.0 access token ({@code Bearer}). */
    public OktaSimulator acceptAccessToken(String token) {
        synchronized (tenant) {
            tenant.accessTokens.add(token);
        }
        return this;
    }

    /**
     * Registers an API service app that authenticates with {@code private_key_jwt}: generates an RSA key, writes its
     * private key as a PKCS#8 PEM file to {@code privateKeyPem} and returns the app's client id. The app is granted
     * {@code okta.users.read/manage} and {@code okta.groups.read/manage}.
     */
    public String createServiceApp(Path privateKeyPem) {
        synchronized (tenant) {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                KeyPair pair = gen.generateKeyPair();
                String clientId = "0oa" + tenant.randomId(17);
                SimulatorFiles.writePrivate(privateKeyPem, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
                tenant.serviceApps.put(clientId, pair.getPublic());
                return clientId;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot create a service app key: " + e.getMessage(), e);
            }
        }
    }

    /** Replaces the OAuth scopes granted to service apps. */
    public OktaSimulator grantedScopes(String... scopes) {
        synchronized (tenant) {
            tenant.grantedScopes.clear();
            tenant.grantedScopes.addAll(List.of(scopes));
        }
        return this;
    }

    /** Page size of {@code GET /users/{id}/groups} when the client asks for no (or a larger) {@code limit}. */
    public OktaSimulator pageSize(int size) {
        synchronized (tenant) {
            tenant.pageSize = size;
        }
        return this;
    }

    /** Seconds from a 429 to its {@code X-Rate-Limit-Reset} (rounded up to the next whole epoch second). */
    public OktaSimulator rateLimitResetSeconds(int seconds) {
        synchronized (tenant) {
            rateLimits.resetSeconds(seconds);
        }
        return this;
    }

    /** A custom profile property (Okta rejects properties that are not in the user's profile schema). */
    public OktaSimulator customProfileProperty(String name) {
        synchronized (tenant) {
            tenant.customProfileProperties.add(name);
        }
        return this;
    }

    /**
     * The next {@code count} requests whose method equals {@code method} (null: any) and whose path matches
     * {@code pathRegex} answer 429 with Okta's rate-limit headers and error body E0000047.
     */
    public OktaSimulator throttle(String method, String pathRegex, int count) {
        synchronized (tenant) {
            rateLimits.throttle(method, Pattern.compile(pathRegex), count);
        }
        return this;
    }

    /** The next authenticated request fails with {@code status} (429, 500, 503 transient; 400, 403 not). */
    public OktaSimulator failNext(int status) {
        synchronized (tenant) {
            rateLimits.failNext(status);
        }
        return this;
    }

    // ------------------------------------------------------------------------------------------ seeding / inspection

    /** Adds a user ({@code status}: STAGED, PROVISIONED, ACTIVE, SUSPENDED, DEPROVISIONED ...) and returns its id. */
    public String addUser(String login, String firstName, String lastName, String status) {
        synchronized (tenant) {
            OktaTenant.User u = new OktaTenant.User("00u" + tenant.randomId(17), tenant.now());
            u.status = status;
            u.hasPassword = true;
            u.profile.put("login", login);
            u.profile.put("email", login.contains("@") ? login : login + "@example.com");
            u.profile.put("firstName", firstName);
            u.profile.put("lastName", lastName);
            tenant.users.put(u.id, u);
            return u.id;
        }
    }

    /** Adds an {@code OKTA_GROUP} and returns its id. */
    public String addGroup(String name) {
        return addGroup(name, "OKTA_GROUP");
    }

    /** Adds a group of {@code type} ({@code OKTA_GROUP}, {@code APP_GROUP}, {@code BUILT_IN}) and returns its id. */
    public String addGroup(String name, String type) {
        synchronized (tenant) {
            OktaTenant.Group g = new OktaTenant.Group("00g" + tenant.randomId(17), name, type);
            tenant.groups.put(g.id, g);
            return g.id;
        }
    }

    public void addMember(String groupId, String userId) {
        synchronized (tenant) {
            tenant.groups.get(groupId).members.add(userId);
        }
    }

    /** Gives the user an Okta session (and an OAuth refresh token) and returns the session id. */
    public String addSession(String userId) {
        synchronized (tenant) {
            OktaTenant.User u = tenant.users.get(userId);
            String sid = "102" + tenant.randomId(22);
            u.sessions.add(sid);
            u.oauthTokens++;
            return sid;
        }
    }

    /** The user with this id or login, or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> user(String idOrLogin) {
        synchronized (tenant) {
            OktaTenant.User u = tenant.find(idOrLogin);
            return u == null ? null : OktaTenant.JSON.convertValue(tenant.userJson(u), Map.class);
        }
    }

    public String userId(String login) {
        synchronized (tenant) {
            OktaTenant.User u = tenant.find(login);
            return u == null ? null : u.id;
        }
    }

    public String status(String idOrLogin) {
        synchronized (tenant) {
            return tenant.find(idOrLogin).status;
        }
    }

    public int sessionCount(String idOrLogin) {
        synchronized (tenant) {
            return tenant.find(idOrLogin).sessions.size();
        }
    }

    public int oauthTokenCount(String idOrLogin) {
        synchronized (tenant) {
            return tenant.find(idOrLogin).oauthTokens;
        }
    }

    /** Group ids the user is a direct member of. */
    public List<String> groupsOf(String idOrLogin) {
        synchronized (tenant) {
            OktaTenant.User u = tenant.find(idOrLogin);
            return tenant.groups.values().stream().filter(g -> g.members.contains(u.id)).map(g -> g.id).toList();
        }
    }

    /** How many {@code DELETE /users/{id}/sessions} requests for this user were accepted (answered 204). */
    public int acceptedRevocations(String idOrLogin) {
        synchronized (tenant) {
            OktaTenant.User u = tenant.find(idOrLogin);
            return u == null ? 0 : tenant.revocations.getOrDefault(u.id, 0);
        }
    }

    /** Every request answered so far, in order. */
    public List<RequestRecord> requests() {
        return router.requests();
    }
}
