package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A stateful HTTPS simulator of the Microsoft Graph v1.0 endpoints the Entra ID provider uses, plus the Microsoft
 * identity platform's client-credentials token endpoint, on {@code 127.0.0.1} with an ephemeral port.
 *
 * <pre>{@code
 * try (GraphSimulator sim = GraphSimulator.builder().pageSize(2).build().start()) {
 *     sim.registerApp("tenant-1", "client-1", "s3cret");
 *     String id = sim.addUser(Map.of("userPrincipalName", "o'brien@contoso.com", "displayName", "Pat O'Brien"));
 *     sim.addSessions(id, 2);
 *     // point the client at sim.authorityHost() + "tenant-1" and sim.graphBaseUrl(), trusting sim.clientSslContext()
 * }
 * }</pre>
 *
 * <p>All state lives in memory. The TLS certificate is generated at {@link #start()} for {@code IP:127.0.0.1} and
 * {@code DNS:localhost}; clients trust it through {@link #trustStore()} / {@link #clientSslContext()} with
 * verification left on.
 */
public final class GraphSimulator implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String GRAPH_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;"
            + "IEEE754Compatible=false;charset=utf-8";
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token/?");
    private static final Pattern OIDC_PATH = Pattern.compile("/([^/]+)/v2\\.0/\\.well-known/openid-configuration/?");
    private static final Pattern KEYS_PATH = Pattern.compile("/([^/]+)/discovery/v2\\.0/keys/?");
    private static final DateTimeFormatter AAD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** An application registration: tenant, client id, secret and (null = all) granted application permissions. */
    private record App(String tenantId, String clientId, String secret, Set<String> roles) {
        @Override
        public String toString() {
            return "App[" + tenantId + "/" + clientId + "]";
        }
    }

    /** An issued token; {@code resource} is the scope's resource ({@code https://outlook.office365.com} or Graph). */
    private record Token(App app, Instant expiresAt, String resource) {
        boolean forExchange() {
            return resource != null && resource.toLowerCase(Locale.ROOT).startsWith(EXCHANGE_RESOURCE);
        }
    }

    /** The resource the Exchange admin API accepts tokens for. */
    static final String EXCHANGE_RESOURCE = "https://outlook.office365.com";

    private record Throttle(int writes, Duration window, Duration retryAfter) {
    }

    /** A 429 the throttle issued; {@code issuedAt} is set when the answer leaves the simulator. */
    private static final class RetryHolder {
        final String clientId;
        final String method;
        final String target;
        final Duration retryAfter;
        Instant issuedAt;
        Instant next;

        RetryHolder(String clientId, String method, String target, Duration retryAfter) {
            this.clientId = clientId;
            this.method = method;
            this.target = target;
            this.retryAfter = retryAfter;
        }
    }

    /** An answer before it is written. */
    private static final class Resp {
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        final JsonNode body;

        Resp(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }
    }

    /** One request in flight (top-level or batch item). */
    private static final class Ctx {
        final String requestId = UUID.randomUUID().toString();
        final String clientRequestId;
        final Instant arrival;
        final List<RetryHolder> issued = new ArrayList<>();
        final List<RequestRecord> records = new ArrayList<>();
        App app;

        Ctx(String clientRequestId, Instant arrival) {
            this.clientRequestId = clientRequestId;
            this.arrival = arrival;
        }
    }

    // ------------------------------------------------------------------ configuration and state

    private final Object lock = new Object();
    private final Directory dir = new Directory();
    private final Mailboxes mailboxes = new Mailboxes(dir);
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, Token> tokens = new HashMap<>();
    private final List<RequestRecord> log = new ArrayList<>();
    private final List<RequestRecord> acceptedWrites = new ArrayList<>();
    private final List<RetryHolder> retries = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, ArrayDeque<Instant>> writeWindows = new HashMap<>();
    private final List<Consumer<RequestRecord>> listeners = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    private final int requestedPort;
    private final Path requestedWorkDir;
    private volatile int pageSize;
    private volatile Duration latency;
    private volatile Duration tokenLifetime;
    private volatile Throttle throttle;

    private HttpsServer server;
    private SimulatorHttpsServer listener;
    private SimulatorTls tls;
    private SSLContext clientContext;

    private GraphSimulator(Builder b) {
        this.requestedPort = b.port;
        this.requestedWorkDir = b.workDirectory;
        this.pageSize = b.pageSize;
        this.latency = b.latency;
        this.tokenLifetime = b.tokenLifetime;
        this.throttle = b.throttle;
        if (b.listener != null) {
            listeners.add(b.listener);
        }
    }

    /** A builder with Graph-like defaults: page size 100, no latency, no throttle, tokens valid 3599 s. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options fixed before start (all but the port and work directory can also be changed later). */
    public static final class Builder {
        private int port;
        private Path workDirectory;
        private int pageSize = 100;
        private Duration latency = Duration.ZERO;
        private Duration tokenLifetime = Duration.ofSeconds(3599);
        private Throttle throttle;
        private Consumer<RequestRecord> listener;

        private Builder() {
        }

        /** TCP port on 127.0.0.1 (default 0 = ephemeral). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the key store and trust store are written (default: a temp directory removed on close). */
        public Builder workDirectory(Path dir) {
            this.workDirectory = dir;
            return this;
        }

        /** Default page size of collections when the client sends no {@code $top} (default 100). */
        public Builder pageSize(int n) {
            this.pageSize = checkPageSize(n);
            return this;
        }

        /** Fixed delay added to every request. */
        public Builder latency(Duration d) {
            this.latency = Objects.requireNonNull(d);
            return this;
        }

        /** Lifetime of issued access tokens ({@code expires_in}); an expired token answers 401. */
        public Builder tokenLifetime(Duration d) {
            this.tokenLifetime = Objects.requireNonNull(d);
            return this;
        }

        /** See {@link GraphSimulator#throttle(int, Duration, Duration)}. */
        public Builder throttle(int writes, Duration window, Duration retryAfter) {
            this.throttle = newThrottle(writes, window, retryAfter);
            return this;
        }

        /** Called with every request record (after it is answered), e.g. to print the log. */
        public Builder onRequest(Consumer<RequestRecord> listener) {
            this.listener = listener;
            return this;
        }

        public GraphSimulator build() {
            return new GraphSimulator(this);
        }
    }

    private static int checkPageSize(int n) {
        if (n < 1 || n > 999) {
            throw new IllegalArgumentException("page size must be 1..999");
        }
        return n;
    }

    private static Throttle newThrottle(int writes, Duration window, Duration retryAfter) {
        if (writes < 1 || window == null || window.isNegative() || window.isZero() || retryAfter == null
                || retryAfter.isNegative()) {
            throw new IllegalArgumentException("throttle needs writes >= 1, a positive window and a retryAfter >= 0");
        }
        return new Throttle(writes, window, retryAfter);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Generates the certificate and starts serving; returns this. */
    public GraphSimulator start() {
        synchronized (lock) {
            if (server != null) {
                throw new IllegalStateException("already started");
            }
            try {
                listener = SimulatorHttpsServer.prepare(requestedWorkDir, "graph-simulator");
                tls = listener.tls();
                clientContext = tls.clientContext();
                server = listener.listen(requestedPort, "graph-simulator", this::handle);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Graph simulator: " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS for the Graph simulator: " + e.getMessage(), e);
            }
        }
    }

    /** Stops serving and removes the generated key material if it lives in a temp directory. */
    @Override
    public void close() {
        SimulatorHttpsServer l;
        synchronized (lock) {
            l = listener;
            server = null;
        }
        if (l != null) {
            l.close();
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the simulator is not started");
        }
    }

    /** The port it listens on. */
    public int port() {
        requireStarted();
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:<port>/} — the authority host; the authority of a tenant is this plus the tenant id. */
    public URI authorityHost() {
        return URI.create("https://127.0.0.1:" + port() + "/");
    }

    /** {@code https://127.0.0.1:<port>/<tenantId>} — the authority to give MSAL / azure-identity. */
    public URI authority(String tenantId) {
        return authorityHost().resolve(tenantId);
    }

    /** {@code https://127.0.0.1:<port>/<tenantId>/oauth2/v2.0/token}. */
    public URI tokenEndpoint(String tenantId) {
        return authorityHost().resolve(tenantId + "/oauth2/v2.0/token");
    }

    /** {@code https://127.0.0.1:<port>/v1.0} (no trailing slash, like the provider's base URL). */
    public URI graphBaseUrl() {
        return URI.create("https://127.0.0.1:" + port() + "/v1.0");
    }

    /** PKCS12 trust store holding only the simulator's certificate. */
    public Path trustStore() {
        requireStarted();
        return tls.trustStore;
    }

    /** Password of {@link #trustStore()} (a copy). */
    public char[] trustStorePassword() {
        requireStarted();
        return tls.password.clone();
    }

    /** Always {@code PKCS12}. */
    public String trustStoreType() {
        return "PKCS12";
    }

    /** An SSLContext whose (standard, verifying) trust manager trusts only the simulator's certificate. */
    public SSLContext clientSslContext() {
        requireStarted();
        return clientContext;
    }

    /** Same as {@link #clientSslContext()}. */
    public SSLContext trustingSimulator() {
        return clientSslContext();
    }

    // ------------------------------------------------------------------ apps and tokens

    /** Registers an application with every permission granted. */
    public void registerApp(String tenantId, String clientId, String clientSecret) {
        registerApp(tenantId, clientId, clientSecret, null);
    }

    /**
     * Registers an application granted only {@code roles} (Graph application permissions such as
     * {@code User.Read.All}, {@code User.RevokeSessions.All}); {@code null} grants everything. An operation none of
     * whose permissions is granted answers 403 {@code Authorization_RequestDenied}.
     */
    public void registerApp(String tenantId, String clientId, String clientSecret, Set<String> roles) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        synchronized (lock) {
            apps.put(clientId.toLowerCase(Locale.ROOT), new App(tenantId, clientId, clientSecret,
                    roles == null ? null : Set.copyOf(roles)));
        }
    }

    /** Changes the permissions of a registered app ({@code null} = all); tokens already issued follow the change. */
    public void grantRoles(String clientId, Set<String> roles) {
        synchronized (lock) {
            App a = requireApp(clientId);
            App changed = new App(a.tenantId(), a.clientId(), a.secret(), roles == null ? null : Set.copyOf(roles));
            apps.put(clientId.toLowerCase(Locale.ROOT), changed);
            tokens.replaceAll((k, t) -> t.app() == a ? new Token(changed, t.expiresAt(), t.resource()) : t);
        }
    }

    /** Issues an access token for a registered app without the token endpoint (for tests of Graph calls alone). */
    public String issueToken(String clientId) {
        synchronized (lock) {
            return newToken(requireApp(clientId), "https://graph.microsoft.com");
        }
    }

    /** Test shortcut: a valid token for the Exchange admin API ({@code https://outlook.office365.com/.default}). */
    public String issueExchangeToken(String clientId) {
        synchronized (lock) {
            return newToken(requireApp(clientId), EXCHANGE_RESOURCE);
        }
    }

    /** Makes every token issued so far invalid (the next Graph call answers 401). */
    public void expireTokens() {
        synchronized (lock) {
            tokens.replaceAll((k, t) -> new Token(t.app(), Instant.EPOCH, t.resource()));
        }
    }

    private App requireApp(String clientId) {
        App a = apps.get(clientId.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("no app registered with client id " + clientId);
        }
        return a;
    }

    private String newToken(App app, String resource) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "gsim." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, new Token(app, Instant.now().plus(tokenLifetime), resource));
        return token;
    }

    // ------------------------------------------------------------------ seeding and inspection

    /**
     * Adds a user. Keys are Graph user properties ({@code userPrincipalName} required; {@code id} optional, else a
     * new GUID; {@code accountEnabled} defaults to true, {@code displayName} to the UPN, {@code mailNickname} to the
     * UPN's local part). Returns the id.
     */
    public String addUser(Map<String, ?> properties) {
        synchronized (lock) {
            try {
                return (String) dir.createUser(new LinkedHashMap<>(properties), false).get("id");
            } catch (GraphError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** Adds an enabled user with {@code mail} = UPN; returns the id. */
    public String addUser(String userPrincipalName, String displayName) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userPrincipalName", userPrincipalName);
        p.put("displayName", displayName);
        p.put("mail", userPrincipalName);
        return addUser(p);
    }

    /** Loads a seed file (YAML or JSON); see {@link Seed}. Returns this. */
    public GraphSimulator loadSeed(Path file) {
        try {
            Seed.load(this, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + file + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Adds a security group; returns its id. */
    public String addGroup(String displayName) {
        return addGroup(displayName, null);
    }

    /** Adds a group with a mail address (may be null); returns its id. */
    public String addGroup(String displayName, String mail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("displayName", displayName);
        p.put("mail", mail);
        return addGroup(p);
    }

    /** Adds a group from Graph group properties ({@code displayName} required, optional {@code id}); returns its id. */
    public String addGroup(Map<String, ?> properties) {
        synchronized (lock) {
            try {
                return (String) dir.addContainer(Directory.Kind.GROUP, new LinkedHashMap<>(properties)).get("id");
            } catch (GraphError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** Adds an administrative unit; returns its id. */
    public String addAdministrativeUnit(String displayName) {
        return addAdministrativeUnit(Map.of("displayName", displayName));
    }

    /** Adds an administrative unit from properties ({@code displayName} required, optional {@code id}). */
    public String addAdministrativeUnit(Map<String, ?> properties) {
        synchronized (lock) {
            try {
                return (String) dir.addContainer(Directory.Kind.ADMINISTRATIVE_UNIT, new LinkedHashMap<>(properties))
                        .get("id");
            } catch (GraphError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** Makes a user a direct member of a group or an administrative unit (no error if it is one already). */
    public void addMember(String groupOrUnitId, String userId) {
        synchronized (lock) {
            Directory.Kind k = dir.kindOf(groupOrUnitId);
            if (k != Directory.Kind.GROUP && k != Directory.Kind.ADMINISTRATIVE_UNIT) {
                throw new IllegalArgumentException("no group or administrative unit " + groupOrUnitId);
            }
            Map<String, Object> u = dir.findUser(userId);
            if (u == null) {
                throw new IllegalArgumentException("no user " + userId);
            }
            dir.members.get(Directory.canonicalId(groupOrUnitId)).add((String) u.get("id"));
        }
    }

    /** Direct member (user) ids of a group or administrative unit. */
    public List<String> members(String groupOrUnitId) {
        synchronized (lock) {
            Set<String> m = dir.members.get(Directory.canonicalId(groupOrUnitId));
            if (m == null) {
                throw new NoSuchElementException("no group or administrative unit " + groupOrUnitId);
            }
            return List.copyOf(m);
        }
    }

    /** Ids of the groups and administrative units a user is a direct member of. */
    public List<String> memberOf(String userId) {
        synchronized (lock) {
            String id = (String) requireUserSnapshot(userId).get("id");
            return dir.memberOf(id, true, true).stream().map(m -> (String) m.get("id")).toList();
        }
    }

    /** Adds {@code n} sign-in sessions (refresh tokens) to a user. */
    public void addSessions(String userId, int n) {
        synchronized (lock) {
            String id = (String) requireUserSnapshot(userId).get("id");
            dir.sessions.merge(id, n, Integer::sum);
        }
    }

    /** Current sign-in sessions of a user (0 after a revocation). */
    public int sessionCount(String userId) {
        synchronized (lock) {
            String id = (String) requireUserSnapshot(userId).get("id");
            return dir.sessions.getOrDefault(id, 0);
        }
    }

    /** How many times {@code revokeSignInSessions} was answered for a user. */
    public int revocationCount(String userId) {
        synchronized (lock) {
            String id = (String) requireUserSnapshot(userId).get("id");
            return dir.revocations.getOrDefault(id, List.of()).size();
        }
    }

    /** A copy of a user's properties (by id or UPN); throws {@link NoSuchElementException} if there is none. */
    public Map<String, Object> user(String idOrUpn) {
        synchronized (lock) {
            return deepCopy(requireUserSnapshot(idOrUpn));
        }
    }

    /** A copy of a user's properties (by id or UPN), or empty (e.g. after a DELETE). */
    public Optional<Map<String, Object>> findUser(String idOrUpn) {
        synchronized (lock) {
            Map<String, Object> u = dir.findUser(idOrUpn);
            return u == null ? Optional.empty() : Optional.of(deepCopy(u));
        }
    }

    /** Copies of all users, in creation order. */
    public List<Map<String, Object>> users() {
        synchronized (lock) {
            return dir.users.values().stream().map(GraphSimulator::deepCopy).toList();
        }
    }

    /** A copy of a group's properties. */
    public Map<String, Object> group(String id) {
        synchronized (lock) {
            Map<String, Object> g = dir.groups.get(Directory.canonicalId(id));
            if (g == null) {
                throw new NoSuchElementException("no group " + id);
            }
            return deepCopy(g);
        }
    }

    private Map<String, Object> requireUserSnapshot(String idOrUpn) {
        Map<String, Object> u = dir.findUser(idOrUpn);
        if (u == null) {
            throw new NoSuchElementException("no user " + idOrUpn);
        }
        return u;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        return JSON.convertValue(m, LinkedHashMap.class);
    }

    /** Every request answered so far, in order (batch items follow their batch). */
    public List<RequestRecord> requestLog() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }

    /** {@link #requestLog()} as log lines. */
    public List<String> requestLogLines() {
        return requestLog().stream().map(RequestRecord::line).toList();
    }

    /** Forgets the request log, accepted writes and Retry-After records (state is kept). */
    public void clearLog() {
        synchronized (lock) {
            log.clear();
            acceptedWrites.clear();
            retries.clear();
        }
    }

    /** Adds a listener called with every request record. */
    public void onRequest(Consumer<RequestRecord> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Number of writes (POST/PATCH/DELETE, top level or batch item; the {@code $batch} envelope itself excluded)
     * that were answered with a 2xx. */
    public int acceptedWrites() {
        synchronized (lock) {
            return acceptedWrites.size();
        }
    }

    /** The accepted writes themselves. */
    public List<RequestRecord> acceptedWriteLog() {
        synchronized (lock) {
            return List.copyOf(acceptedWrites);
        }
    }

    /** Every 429 the throttle issued with the time the same client next came back. */
    public List<RetryAfterRecord> retryAfterIssued() {
        synchronized (lock) {
            List<RetryAfterRecord> out = new ArrayList<>();
            for (RetryHolder h : retries) {
                if (h.issuedAt != null) {
                    out.add(new RetryAfterRecord(h.clientId, h.method, h.target, h.issuedAt, h.retryAfter, h.next));
                }
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ behaviour knobs

    /**
     * Allows {@code writes} writes (POST, PATCH, PUT, DELETE; each batch item counts, the batch envelope does not)
     * per client in any sliding {@code window}; a write beyond that answers 429 {@code TooManyRequests} with
     * {@code Retry-After: ceil(retryAfter seconds)} and is not applied.
     */
    public void throttle(int writes, Duration window, Duration retryAfter) {
        Throttle t = newThrottle(writes, window, retryAfter);
        synchronized (lock) {
            throttle = t;
            writeWindows.clear();
        }
    }

    /** Turns the throttle off. */
    public void noThrottle() {
        synchronized (lock) {
            throttle = null;
            writeWindows.clear();
        }
    }

    /** Adds a fault; see {@link Fault}. Faults are consumed in the order added. */
    public void injectFault(Fault fault) {
        synchronized (lock) {
            faults.add(Objects.requireNonNull(fault));
        }
    }

    /** The next {@code times} requests with {@code method} whose path matches {@code pathRegex} answer {@code status}. */
    public void injectFault(String method, String pathRegex, int times, int status) {
        injectFault(Fault.on(method, pathRegex).times(times).status(status));
    }

    /** Removes faults not yet consumed. */
    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    /** Fixed delay before every request is handled. */
    public void latency(Duration d) {
        this.latency = Objects.requireNonNull(d);
    }

    /** Default page size of collections (when the client sends no {@code $top}). */
    public void pageSize(int n) {
        this.pageSize = checkPageSize(n);
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        Instant arrival = Instant.now();
        String crid = ex.getRequestHeaders().getFirst("client-request-id");
        Ctx ctx = new Ctx(crid == null || crid.isBlank() ? UUID.randomUUID().toString() : crid, arrival);
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String target = rawPath + (rawQuery == null ? "" : "?" + decodeForLog(rawQuery));
        Resp resp;
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        try {
            sleep(latency);
            if (rawPath.equals("/v1.0") || rawPath.startsWith("/v1.0/")) {
                resp = graphTopLevel(ex.getRequestHeaders(), method, rawPath, rawQuery, body, ctx);
            } else if (rawPath.startsWith("/adminapi/")) {
                String[] cmdlet = new String[1];
                try {
                    resp = adminApi(ex.getRequestHeaders(), method, rawPath, body, ctx, cmdlet);
                } finally {
                    if (cmdlet[0] != null) {
                        target = target + " [" + cmdlet[0] + "]";
                    }
                }
            } else {
                resp = identityPlatform(ex.getRequestHeaders(), method, rawPath, rawQuery, body, ctx);
            }
        } catch (GraphError e) {
            resp = error(e, ctx);
        } catch (RuntimeException e) {
            resp = error(new GraphError(500, "generalException", "Simulator failure: " + e), ctx);
        }
        RequestRecord top = new RequestRecord(arrival, method, target, resp.status, ctx.clientRequestId, ctx.requestId,
                ctx.app == null ? null : ctx.app.clientId(), null);
        // Logged before the answer goes out: a client holding the response always finds its request in the log.
        record(top, ctx.records);
        try {
            Headers h = ex.getResponseHeaders();
            h.set("request-id", ctx.requestId);
            h.set("client-request-id", ctx.clientRequestId);
            for (Map.Entry<String, String> e : resp.headers.entrySet()) {
                h.set(e.getKey(), e.getValue());
            }
            byte[] out = resp.body == null ? null : JSON.writeValueAsBytes(resp.body);
            if (out != null && !h.containsKey("Content-Type")) {
                h.set("Content-Type", GRAPH_JSON);
            }
            markIssued(ctx);
            if (out == null) {
                ex.sendResponseHeaders(resp.status, -1);
            } else {
                ex.sendResponseHeaders(resp.status, out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException e) {
            // the client went away (e.g. timed out during a stall); the request is already logged
        } finally {
            ex.close();
        }
    }

    private void markIssued(Ctx ctx) {
        if (ctx.issued.isEmpty()) {
            return;
        }
        synchronized (lock) {
            Instant now = Instant.now();
            for (RetryHolder h : ctx.issued) {
                h.issuedAt = now;
            }
        }
    }

    private void record(RequestRecord top, List<RequestRecord> items) {
        List<RequestRecord> all = new ArrayList<>(items.size() + 1);
        all.add(top);
        all.addAll(items);
        synchronized (lock) {
            log.addAll(all);
        }
        for (RequestRecord r : all) {
            for (Consumer<RequestRecord> l : listeners) {
                try {
                    l.accept(r);
                } catch (RuntimeException ignored) {
                    // a listener cannot break the simulator
                }
            }
        }
    }

    private static void sleep(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isWriteMethod(String method) {
        return switch (method) {
            case "POST", "PATCH", "PUT", "DELETE" -> true;
            default -> false;
        };
    }

    private static String decodeForLog(String rawQuery) {
        try {
            return URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawQuery;
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                if (q.containsKey(k)) {
                    throw GraphError.badRequest("Query option '" + k + "' was specified more than once, but it must be specified at most once.");
                }
                q.put(k, v);
            } catch (IllegalArgumentException e) {
                throw GraphError.badRequest("Invalid percent-encoding in the query string.");
            }
        }
        return q;
    }

    private static List<String> pathSegments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw GraphError.badRequest("Invalid percent-encoding in the path.");
                }
            }
        }
        return out;
    }

    private Resp error(GraphError e, Ctx ctx) {
        ObjectNode inner = NODES.objectNode();
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", ctx.requestId);
        inner.put("client-request-id", ctx.clientRequestId);
        ObjectNode err = NODES.objectNode();
        err.put("code", e.code);
        err.put("message", e.getMessage());
        err.set("innerError", inner);
        ObjectNode root = NODES.objectNode();
        root.set("error", err);
        Resp r = new Resp(e.status, root);
        if (e.retryAfter != null) {
            r.headers.put("Retry-After", String.valueOf(retryAfterSeconds(e.retryAfter)));
        }
        if (e.status == 401) {
            r.headers.put("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"" + authorityHost()
                    + "common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
        }
        return r;
    }

    static long retryAfterSeconds(Duration d) {
        long ms = d.toMillis();
        return Math.max(0, (ms + 999) / 1000);
    }

    // ------------------------------------------------------------------ identity platform (token endpoint)

    private Resp identityPlatform(Headers headers, String method, String rawPath, String rawQuery, byte[] body,
                                  Ctx ctx) {
        applyFault(method, rawPath, ctx);
        Matcher m = TOKEN_PATH.matcher(rawPath);
        if (m.matches()) {
            if (!method.equals("POST")) {
                return aadError(405, "invalid_request", 900561,
                        "The endpoint only accepts POST requests. Received a " + method + " request.", ctx);
            }
            return token(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), headers,
                    new String(body, StandardCharsets.UTF_8), ctx);
        }
        m = OIDC_PATH.matcher(rawPath);
        if (m.matches() && method.equals("GET")) {
            return new Resp(200, openIdConfiguration(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)));
        }
        m = KEYS_PATH.matcher(rawPath);
        if (m.matches() && method.equals("GET")) {
            ObjectNode keys = NODES.objectNode();
            keys.putArray("keys");
            return new Resp(200, keys);
        }
        if (rawPath.equals("/common/discovery/instance") && method.equals("GET")) {
            return new Resp(200, instanceDiscovery(parseQuery(rawQuery)));
        }
        return aadError(404, "invalid_request", 90002, "Unknown endpoint " + rawPath + ".", ctx);
    }

    private Resp token(String tenant, Headers headers, String form, Ctx ctx) {
        Map<String, String> f;
        try {
            f = parseQuery(form);
        } catch (GraphError e) {
            return aadError(400, "invalid_request", 900144, "The request body must be x-www-form-urlencoded.", ctx);
        }
        String clientId = f.get("client_id");
        String secret = f.get("client_secret");
        String basic = headers.getFirst("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                    secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return aadError(401, "invalid_client", 7000216, "Malformed Basic authorization header.", ctx);
            }
        }
        if (!"client_credentials".equals(f.get("grant_type"))) {
            return aadError(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + f.get("grant_type") + "'.", ctx);
        }
        if (clientId == null || clientId.isBlank()) {
            return aadError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.", ctx);
        }
        String scope = f.get("scope");
        boolean defaultScope = scope != null && Stream.of(scope.split(" ")).anyMatch(s -> s.endsWith("/.default"));
        synchronized (lock) {
            App app = apps.get(clientId.toLowerCase(Locale.ROOT));
            boolean tenantKnown = apps.values().stream().anyMatch(a -> a.tenantId().equalsIgnoreCase(tenant));
            if (!tenantKnown) {
                return aadError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure "
                        + "you have the correct tenant ID and are signing into the correct cloud.", ctx);
            }
            if (app == null || !app.tenantId().equalsIgnoreCase(tenant)) {
                return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                        + "' was not found in the directory '" + tenant + "'. This can happen if the application has not "
                        + "been installed by the administrator of the tenant or consented to by any user in the tenant.", ctx);
            }
            ctx.app = app;
            if (f.containsKey("client_assertion")) {
                return aadError(401, "invalid_client", 700027,
                        "Client assertion failed signature validation (the simulator accepts client secrets only).", ctx);
            }
            if (secret == null) {
                return aadError(401, "invalid_client", 7000218, "The request body must contain the following "
                        + "parameter: 'client_assertion' or 'client_secret'.", ctx);
            }
            if (!constantTimeEquals(secret, app.secret())) {
                return aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret "
                        + "being sent in the request is the client secret value, not the client secret ID, for a secret "
                        + "added to app '" + app.clientId() + "'.", ctx);
            }
            if (!defaultScope) {
                return aadError(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not "
                        + "valid. Client credential flows must have a scope value with /.default suffixed to the "
                        + "resource identifier (application ID URI).", ctx);
            }
            ObjectNode ok = NODES.objectNode();
            ok.put("token_type", "Bearer");
            long seconds = tokenLifetime.toSeconds();
            ok.put("expires_in", seconds);
            ok.put("ext_expires_in", seconds);
            String resource = Stream.of(scope.split(" ")).filter(x -> x.endsWith("/.default")).findFirst()
                    .map(x -> x.substring(0, x.length() - "/.default".length())).orElse("");
            ok.put("access_token", newToken(app, resource));
            Resp r = new Resp(200, ok);
            r.headers.put("Content-Type", "application/json; charset=utf-8");
            r.headers.put("Cache-Control", "no-store, no-cache");
            return r;
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private Resp aadError(int status, String error, int code, String description, Ctx ctx) {
        Instant now = Instant.now();
        ObjectNode e = NODES.objectNode();
        e.put("error", error);
        e.put("error_description", "AADSTS" + code + ": " + description + "\r\nTrace ID: " + ctx.requestId
                + "\r\nCorrelation ID: " + ctx.clientRequestId + "\r\nTimestamp: " + AAD_TIME.format(now));
        e.putArray("error_codes").add(code);
        e.put("timestamp", AAD_TIME.format(now));
        e.put("trace_id", ctx.requestId);
        e.put("correlation_id", ctx.clientRequestId);
        e.put("error_uri", authorityHost() + "error?code=" + code);
        Resp r = new Resp(status, e);
        r.headers.put("Content-Type", "application/json; charset=utf-8");
        return r;
    }

    private ObjectNode openIdConfiguration(String tenant) {
        String base = authorityHost() + tenant;
        ObjectNode d = NODES.objectNode();
        d.put("token_endpoint", base + "/oauth2/v2.0/token");
        d.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt")
                .add("client_secret_basic");
        d.put("jwks_uri", base + "/discovery/v2.0/keys");
        d.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        d.putArray("subject_types_supported").add("pairwise");
        d.putArray("id_token_signing_alg_values_supported").add("RS256");
        d.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        d.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        d.put("issuer", base + "/v2.0");
        d.put("request_uri_parameter_supported", false);
        d.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        d.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
        d.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        d.put("http_logout_supported", true);
        d.put("frontchannel_logout_supported", true);
        d.putArray("claims_supported").add("sub").add("iss").add("aud").add("exp").add("iat").add("tid");
        d.put("tenant_region_scope", "EU");
        d.put("cloud_instance_name", "microsoftonline.com");
        d.put("msgraph_host", "127.0.0.1:" + port());
        return d;
    }

    private ObjectNode instanceDiscovery(Map<String, String> q) {
        String authorize = q.getOrDefault("authorization_endpoint", authorityHost() + "common/oauth2/v2.0/authorize");
        String tenant = "common";
        Matcher m = Pattern.compile("https://[^/]+/([^/]+)/.*").matcher(authorize);
        if (m.matches()) {
            tenant = m.group(1);
        }
        String hostPort = "127.0.0.1:" + port();
        ObjectNode d = NODES.objectNode();
        d.put("tenant_discovery_endpoint", authorityHost() + tenant + "/v2.0/.well-known/openid-configuration");
        d.put("api-version", "1.1");
        ObjectNode md = d.putArray("metadata").addObject();
        md.put("preferred_network", hostPort);
        md.put("preferred_cache", hostPort);
        md.putArray("aliases").add(hostPort);
        return d;
    }

    // ------------------------------------------------------------------ Exchange admin API

    private static final Pattern ADMIN_PATH = Pattern.compile("/adminapi/beta/([^/]+)/InvokeCommand/?",
            Pattern.CASE_INSENSITIVE);

    /**
     * {@code POST /adminapi/beta/{tenant}/InvokeCommand}: authentication (a token for
     * {@code https://outlook.office365.com}), {@code Exchange.ManageAsApp}, faults (matched against the path with
     * {@code /<CmdletName>} appended), the write throttle for cmdlets other than {@code Get-*}, then the cmdlet.
     */
    private Resp adminApi(Headers headers, String method, String rawPath, byte[] rawBody, Ctx ctx, String[] cmdletOut) {
        Matcher m = ADMIN_PATH.matcher(rawPath);
        if (!m.matches()) {
            throw new GraphError(404, "NotFound", "The requested resource was not found: " + rawPath);
        }
        authenticate(headers.getFirst("Authorization"), ctx, true);
        noteArrival(ctx);
        if (!method.equals("POST")) {
            throw new GraphError(405, "MethodNotAllowed", "InvokeCommand accepts POST only.");
        }
        JsonNode body = parseBody(rawBody);
        String cmdlet = Mailboxes.cmdlet(body);
        cmdletOut[0] = cmdlet;
        String faultPath = rawPath.replaceAll("/+$", "") + "/" + cmdlet;
        applyFault(method, faultPath, ctx);
        boolean write = !Mailboxes.isRead(cmdlet);
        synchronized (lock) {
            if (!Permission.EXCHANGE_MANAGE.grantedTo(ctx.app.roles())) {
                throw Mailboxes.exoError(403, "Forbidden", "Microsoft.Exchange.Management.Tasks.AccessDeniedException",
                        "The role assigned to application " + ctx.app.clientId() + " isn't supported in this "
                                + "scenario. Please check online documentation for assigning correct Directory Roles "
                                + "to Azure AD Application for EXO App-Only Authentication.");
            }
            if (write) {
                GraphError throttled = throttleCheck(method, faultPath, ctx);
                if (throttled != null) {
                    throw throttled;
                }
            }
            List<String> warnings = new ArrayList<>();
            ArrayNode value = mailboxes.invoke(cmdlet, body, warnings);
            ObjectNode out = NODES.objectNode();
            out.put("@odata.context", authorityHost() + "adminapi/beta/" + m.group(1)
                    + "/$metadata#Collection(Exchange.GenericHashTable)");
            out.put("adminapi.warnings@odata.type", "#Collection(String)");
            ArrayNode w = out.putArray("adminapi.warnings");
            warnings.forEach(w::add);
            out.set("value", value);
            if (write) {
                acceptedWrites.add(new RequestRecord(ctx.arrival, method, rawPath + " [" + cmdlet + "]", 200,
                        ctx.clientRequestId, ctx.requestId, ctx.app.clientId(), null));
            }
            return new Resp(200, out);
        }
    }

    /** Base URL of the Exchange admin API as the provider's {@code exchangeBaseUrl} option wants it. */
    public URI exchangeBaseUrl() {
        return URI.create("https://127.0.0.1:" + port() + "/adminapi/beta");
    }

    /**
     * Gives an existing user an Exchange Online mailbox ({@code UserMailbox}, {@code SharedMailbox},
     * {@code RoomMailbox} or {@code EquipmentMailbox}; {@code Regular}/{@code Shared}/... also accepted); sets the
     * user's {@code mail} to the UPN when it has none. Returns the mailbox GUID.
     */
    public String addMailbox(String userIdOrUpn, String recipientTypeDetails) {
        synchronized (lock) {
            try {
                return mailboxes.add(userIdOrUpn, recipientTypeDetails).guid;
            } catch (GraphError e) {
                throw new IllegalArgumentException("no user '" + userIdOrUpn + "'");
            }
        }
    }

    /** Grants delegate rights directly (seeding): {@code right} FullAccess, SendAs or SendOnBehalf; delegate by UPN. */
    public void addMailboxDelegate(String mailboxUserIdOrUpn, String right, String delegateUpn) {
        synchronized (lock) {
            Mailboxes.Box b = mailboxes.resolveMailbox(mailboxUserIdOrUpn);
            switch (right.toLowerCase(Locale.ROOT)) {
                case "fullaccess" -> b.fullAccess.add(delegateUpn);
                case "sendas" -> b.sendAs.add(delegateUpn);
                case "sendonbehalf" -> b.sendOnBehalf.add(delegateUpn);
                default -> throw new IllegalArgumentException("right must be FullAccess, SendAs or SendOnBehalf");
            }
        }
    }

    /**
     * A copy of a mailbox ({@code recipientTypeDetails, guid, timeZone, status, externalAudience,
     * internalReplyMessage, externalReplyMessage, scheduledStart, scheduledEnd, fullAccess, sendAs, sendOnBehalf}),
     * found by anything {@code Get-Mailbox -Identity} accepts.
     */
    public Map<String, Object> mailbox(String identity) {
        synchronized (lock) {
            try {
                return mailboxes.snapshot(mailboxes.resolveMailbox(identity));
            } catch (GraphError e) {
                throw new IllegalArgumentException("no mailbox '" + identity + "'");
            }
        }
    }

    // ------------------------------------------------------------------ Graph pipeline

    private Resp graphTopLevel(Headers headers, String method, String rawPath, String rawQuery, byte[] body, Ctx ctx) {
        authenticate(headers.getFirst("Authorization"), ctx);
        noteArrival(ctx);
        List<String> seg = pathSegments(rawPath.substring("/v1.0".length()));
        JsonNode json = parseBody(body);
        if (seg.size() == 1 && seg.get(0).equals("$batch")) {
            applyFault(method, rawPath, ctx);
            if (!method.equals("POST")) {
                throw new GraphError(405, "Request_BadRequest", "The HTTP method '" + method + "' is not allowed for $batch.");
            }
            return batch(json, ctx);
        }
        String query = rawQuery == null ? "" : "?" + decodeForLog(rawQuery);
        Resp r = graphRequest(method, rawPath, seg, parseQuery(rawQuery), json, ctx);
        if (isWriteMethod(method) && r.status < 300) {
            synchronized (lock) {
                acceptedWrites.add(new RequestRecord(ctx.arrival, method, rawPath + query, r.status,
                        ctx.clientRequestId, ctx.requestId, ctx.app.clientId(), null));
            }
        }
        return r;
    }

    /** Fault, throttle, route and write accounting for one Graph request (top-level or batch item). */
    private Resp graphRequest(String method, String absolutePath, List<String> seg, Map<String, String> query,
                              JsonNode body, Ctx ctx) {
        applyFault(method, absolutePath, ctx);
        boolean write = isWriteMethod(method);
        synchronized (lock) {
            if (write) {
                GraphError throttled = throttleCheck(method, absolutePath, ctx);
                if (throttled != null) {
                    throw throttled;
                }
            }
            return route(method, seg, query, body, ctx);
        }
    }

    private void authenticate(String authorization, Ctx ctx) {
        authenticate(authorization, ctx, false);
    }

    private void authenticate(String authorization, Ctx ctx, boolean exchange) {
        if (authorization == null || authorization.isBlank()) {
            throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        }
        String token = authorization.substring(7).trim();
        synchronized (lock) {
            Token t = tokens.get(token);
            if (t == null) {
                throw new GraphError(401, "InvalidAuthenticationToken",
                        "IDX14100: JWT is not well formed, there are no dots (.). The token needs to be in JWS or JWE "
                                + "Compact Serialization Format.");
            }
            if (!t.expiresAt().isAfter(Instant.now())) {
                throw new GraphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
            }
            if (t.forExchange() != exchange) {
                throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid "
                        + "audience (the token was issued for " + (exchange ? "another resource" : EXCHANGE_RESOURCE)
                        + ").");
            }
            ctx.app = apps.get(t.app().clientId().toLowerCase(Locale.ROOT));
            if (ctx.app == null) {
                throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure.");
            }
        }
    }

    private void noteArrival(Ctx ctx) {
        synchronized (lock) {
            for (RetryHolder h : retries) {
                if (h.next == null && h.issuedAt != null && h.clientId.equals(ctx.app.clientId())
                        && !ctx.arrival.isBefore(h.issuedAt)) {
                    h.next = ctx.arrival;
                }
            }
        }
    }

    private void applyFault(String method, String path, Ctx ctx) {
        Fault hit = null;
        synchronized (lock) {
            for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
                Fault f = it.next();
                if (f.matches(method, path)) {
                    f.remaining--;
                    if (f.remaining <= 0) {
                        it.remove();
                    }
                    hit = f;
                    break;
                }
            }
        }
        if (hit == null) {
            return;
        }
        sleep(hit.stall);
        if (hit.status > 0) {
            throw new GraphError(hit.status, faultCode(hit.status), faultMessage(hit.status), hit.retryAfter);
        }
    }

    private static String faultCode(int status) {
        return switch (status) {
            case 429 -> "TooManyRequests";
            case 500 -> "generalException";
            case 502 -> "badGateway";
            case 503 -> "serviceNotAvailable";
            case 504 -> "gatewayTimeout";
            case 401 -> "InvalidAuthenticationToken";
            case 403 -> "Authorization_RequestDenied";
            case 404 -> "Request_ResourceNotFound";
            default -> status >= 500 ? "UnknownError" : "Request_BadRequest";
        };
    }

    private static String faultMessage(int status) {
        return switch (status) {
            case 429 -> "Too many requests.";
            case 503 -> "The service is temporarily unavailable. Please retry later.";
            case 504 -> "The gateway did not receive a timely response from the upstream server.";
            case 403 -> "Insufficient privileges to complete the operation.";
            default -> "Injected fault (HTTP " + status + ").";
        };
    }

    /** Called under the lock. */
    private GraphError throttleCheck(String method, String path, Ctx ctx) {
        Throttle t = throttle;
        if (t == null) {
            return null;
        }
        Instant now = Instant.now();
        ArrayDeque<Instant> window = writeWindows.computeIfAbsent(ctx.app.clientId(), k -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(t.window()))) {
            window.pollFirst();
        }
        if (window.size() >= t.writes()) {
            Duration told = Duration.ofSeconds(retryAfterSeconds(t.retryAfter()));
            RetryHolder h = new RetryHolder(ctx.app.clientId(), method, path, told);
            retries.add(h);
            ctx.issued.add(h);
            return new GraphError(429, "TooManyRequests", "Too many requests.", t.retryAfter());
        }
        window.addLast(now);
        return null;
    }

    private static JsonNode parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new GraphError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type "
                    + "header is set and payload is of valid JSON format.");
        }
    }

    // ------------------------------------------------------------------ $batch

    private Resp batch(JsonNode body, Ctx ctx) {
        if (body == null || !body.path("requests").isArray()) {
            throw new GraphError(400, "BadRequest", "Invalid batch payload format.");
        }
        ArrayNode requests = (ArrayNode) body.get("requests");
        if (requests.isEmpty()) {
            throw new GraphError(400, "BadRequest", "Invalid batch payload format.");
        }
        if (requests.size() > 20) {
            throw new GraphError(400, "BadRequest", "The number of batch requests exceeds the limit of 20.");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode r : requests) {
            String id = r.path("id").asText("");
            if (id.isEmpty() || !r.path("method").isTextual() || !r.path("url").isTextual()) {
                throw new GraphError(400, "BadRequest", "Invalid batch payload format.");
            }
            if (!ids.add(id)) {
                throw new GraphError(400, "BadRequest", "Request Id '" + id + "' is not unique within the batch.");
            }
            if (r.has("body") && !r.path("body").isNull() && !hasContentType(r.path("headers"))) {
                throw new GraphError(400, "BadRequest",
                        "Write request id : " + id + " does not contain Content-Type header or body.");
            }
        }
        Map<String, Integer> statusById = new HashMap<>();
        ObjectNode out = NODES.objectNode();
        ArrayNode responses = out.putArray("responses");
        for (JsonNode r : requests) {
            String id = r.get("id").asText();
            String method = r.get("method").asText().toUpperCase(Locale.ROOT);
            String url = r.get("url").asText();
            int q = url.indexOf('?');
            String rawPath = q < 0 ? url : url.substring(0, q);
            String rawQuery = q < 0 ? null : url.substring(q + 1);
            int v1 = rawPath.indexOf("/v1.0/");
            if (rawPath.startsWith("https://") || rawPath.startsWith("http://")) {
                rawPath = v1 < 0 ? rawPath : rawPath.substring(v1 + 5);
            }
            if (!rawPath.startsWith("/")) {
                rawPath = "/" + rawPath;
            }
            String absolute = "/v1.0" + rawPath;
            String target = absolute + (rawQuery == null ? "" : "?" + decodeForLog(rawQuery));
            Ctx item = new Ctx(ctx.clientRequestId, Instant.now());
            item.app = ctx.app;
            Resp resp;
            try {
                boolean failedDependency = false;
                for (JsonNode dep : r.path("dependsOn")) {
                    Integer s = statusById.get(dep.asText());
                    if (s == null || s >= 400) {
                        failedDependency = true;
                    }
                }
                if (failedDependency) {
                    throw new GraphError(424, "FailedDependency", "Request depends on a request that failed.");
                }
                List<String> seg = pathSegments(rawPath);
                if (seg.size() == 1 && seg.get(0).equals("$batch")) {
                    throw new GraphError(400, "BadRequest", "A $batch request cannot contain another $batch request.");
                }
                resp = graphRequest(method, absolute, seg, parseQuery(rawQuery),
                        r.path("body").isMissingNode() || r.path("body").isNull() ? null : r.get("body"), item);
            } catch (GraphError e) {
                resp = error(e, ctx);
            } catch (RuntimeException e) {
                resp = error(new GraphError(500, "generalException", "Simulator failure: " + e), ctx);
            }
            ctx.issued.addAll(item.issued);
            statusById.put(id, resp.status);
            ObjectNode o = responses.addObject();
            o.put("id", id);
            o.put("status", resp.status);
            ObjectNode h = o.putObject("headers");
            for (Map.Entry<String, String> e : resp.headers.entrySet()) {
                h.put(e.getKey(), e.getValue());
            }
            if (resp.body != null) {
                h.put("Content-Type", GRAPH_JSON);
                o.set("body", resp.body);
            }
            RequestRecord rec = new RequestRecord(item.arrival, method, target, resp.status, ctx.clientRequestId,
                    ctx.requestId, ctx.app.clientId(), id);
            ctx.records.add(rec);
            if (isWriteMethod(method) && resp.status < 300) {
                synchronized (lock) {
                    acceptedWrites.add(rec);
                }
            }
        }
        return new Resp(200, out);
    }

    private static boolean hasContentType(JsonNode headers) {
        for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
            if (it.next().equalsIgnoreCase("Content-Type")) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ routes (called under the lock)

    private Resp route(String method, List<String> seg, Map<String, String> q, JsonNode body, Ctx ctx) {
        if (seg.isEmpty()) {
            throw new GraphError(400, "BadRequest", "Invalid request.");
        }
        String root = seg.get(0);
        int n = seg.size();
        if (root.equals("users")) {
            if (n == 1) {
                return switch (method) {
                    case "GET" -> listUsers(q, ctx);
                    case "POST" -> createUser(body, ctx);
                    default -> methodNotAllowed(method);
                };
            }
            String key = seg.get(1);
            if (n == 2) {
                return switch (method) {
                    case "GET" -> getUser(key, q, ctx);
                    case "PATCH" -> patchUser(key, body, ctx);
                    case "DELETE" -> deleteUser(key, ctx);
                    default -> methodNotAllowed(method);
                };
            }
            if (n == 3 && seg.get(2).equals("mailboxSettings")) {
                return switch (method) {
                    case "GET" -> {
                        require(ctx, Permission.MAILBOX_SETTINGS_READ);
                        checkOptions(q, false);
                        yield new Resp(200, mailboxes.settings(key, graphBaseUrl().toString()));
                    }
                    case "PATCH" -> {
                        require(ctx, Permission.MAILBOX_SETTINGS_WRITE);
                        yield new Resp(200, mailboxes.patchSettings(key, body, graphBaseUrl().toString()));
                    }
                    default -> methodNotAllowed(method);
                };
            }
            if (n == 3 && seg.get(2).equals("revokeSignInSessions")) {
                return method.equals("POST") ? revoke(key, ctx) : methodNotAllowed(method);
            }
            if (seg.get(2).equals("memberOf") && n <= 4) {
                if (!method.equals("GET")) {
                    return methodNotAllowed(method);
                }
                String cast = n == 4 ? seg.get(3) : null;
                return memberOf(key, cast, q, ctx);
            }
            throw unknownSegment(seg.get(2));
        }
        if (root.equals("groups")) {
            return containers(Directory.Kind.GROUP, method, seg.subList(1, n), q, body, ctx, "groups");
        }
        if (root.equals("directory")) {
            if (n >= 2 && seg.get(1).equals("administrativeUnits")) {
                return containers(Directory.Kind.ADMINISTRATIVE_UNIT, method, seg.subList(2, n), q, body, ctx,
                        "directory/administrativeUnits");
            }
            throw unknownSegment(n >= 2 ? seg.get(1) : root);
        }
        if (root.equals("administrativeUnits")) {
            // not a v1.0 entity set: Graph serves administrative units under /directory
            throw unknownSegment(root);
        }
        if (root.equals("directoryObjects") && n == 2 && method.equals("GET")) {
            return getDirectoryObject(seg.get(1), q, ctx);
        }
        throw unknownSegment(root);
    }

    private static GraphError unknownSegment(String s) {
        return new GraphError(400, "BadRequest", "Resource not found for the segment '" + s + "'.");
    }

    private static Resp methodNotAllowed(String method) {
        throw new GraphError(405, "Request_BadRequest",
                "The HTTP method '" + method + "' is not allowed for the requested resource.");
    }

    private void require(Ctx ctx, Permission... any) {
        for (Permission p : any) {
            if (!p.grantedTo(ctx.app.roles())) {
                throw GraphError.denied();
            }
        }
    }

    private Resp listUsers(Map<String, String> q, Ctx ctx) {
        require(ctx, Permission.USER_READ);
        checkOptions(q, true);
        List<Map<String, Object>> all = new ArrayList<>(dir.users.values());
        if (q.containsKey("$filter")) {
            Predicate<Map<String, Object>> p = ODataFilter.parse(q.get("$filter"), Directory.USER_FILTERABLE);
            all.removeIf(p.negate());
        }
        return page(all, "users", q, Directory.USER_DEFAULT_SELECT, Directory.USER_PROPERTIES, "microsoft.graph.user",
                "users", null);
    }

    private Resp getUser(String key, Map<String, String> q, Ctx ctx) {
        require(ctx, Permission.USER_READ);
        checkOptions(q, false);
        Map<String, Object> u = dir.requireUser(key);
        ObjectNode o = NODES.objectNode();
        List<String> select = select(q, Directory.USER_DEFAULT_SELECT, Directory.USER_PROPERTIES, "microsoft.graph.user");
        o.put("@odata.context", graphBaseUrl() + "/$metadata#users" + selectSuffix(q) + "/$entity");
        project(u, select, o);
        return new Resp(200, o);
    }

    private Resp getDirectoryObject(String id, Map<String, String> q, Ctx ctx) {
        Directory.Kind k = dir.kindOf(id);
        if (k == null) {
            throw GraphError.notFound(id);
        }
        checkOptions(q, false);
        ObjectNode o = NODES.objectNode();
        o.put("@odata.context", graphBaseUrl() + "/$metadata#directoryObjects/$entity");
        String cid = Directory.canonicalId(id);
        switch (k) {
            case USER -> {
                require(ctx, Permission.USER_READ);
                o.put("@odata.type", "#microsoft.graph.user");
                project(dir.users.get(cid), select(q, Directory.USER_DEFAULT_SELECT, Directory.USER_PROPERTIES,
                        "microsoft.graph.user"), o);
            }
            case GROUP -> {
                require(ctx, Permission.GROUP_READ);
                o.put("@odata.type", "#microsoft.graph.group");
                project(dir.groups.get(cid), select(q, null, Directory.GROUP_PROPERTIES, "microsoft.graph.group"), o);
            }
            default -> {
                require(ctx, Permission.AU_READ);
                o.put("@odata.type", "#microsoft.graph.administrativeUnit");
                project(dir.units.get(cid), select(q, null, Directory.AU_PROPERTIES, "microsoft.graph.administrativeUnit"), o);
            }
        }
        return new Resp(200, o);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> bodyMap(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GraphError(400, "BadRequest", "Empty Payload. JSON content expected.");
        }
        return JSON.convertValue(body, LinkedHashMap.class);
    }

    private Resp createUser(JsonNode body, Ctx ctx) {
        require(ctx, Permission.USER_WRITE);
        Map<String, Object> u = dir.createUser(bodyMap(body), true);
        ObjectNode o = NODES.objectNode();
        o.put("@odata.context", graphBaseUrl() + "/$metadata#users/$entity");
        project(u, allUserPropertiesForCreate(), o);
        return new Resp(201, o);
    }

    private static List<String> allUserPropertiesForCreate() {
        List<String> l = new ArrayList<>(Directory.USER_DEFAULT_SELECT);
        l.add("accountEnabled");
        return l;
    }

    private Resp patchUser(String key, JsonNode body, Ctx ctx) {
        require(ctx, Permission.USER_WRITE);
        Map<String, Object> u = dir.requireUser(key);
        dir.updateUser(u, bodyMap(body));
        return new Resp(204, null);
    }

    private Resp deleteUser(String key, Ctx ctx) {
        require(ctx, Permission.USER_WRITE);
        Map<String, Object> u = dir.requireUser(key);
        dir.deleteUser((String) u.get("id"));
        mailboxes.byUser.remove((String) u.get("id"));
        return new Resp(204, null);
    }

    private Resp revoke(String key, Ctx ctx) {
        require(ctx, Permission.USER_REVOKE_SESSIONS);
        Map<String, Object> u = dir.requireUser(key);
        dir.revoke((String) u.get("id"), Instant.now());
        ObjectNode o = NODES.objectNode();
        o.put("@odata.context", graphBaseUrl() + "/$metadata#Edm.Boolean");
        o.put("value", true);
        return new Resp(200, o);
    }

    private Resp memberOf(String key, String cast, Map<String, String> q, Ctx ctx) {
        boolean groups;
        boolean units;
        String type;
        if (cast == null) {
            groups = true;
            units = true;
            type = null;
            require(ctx, Permission.USER_READ);
        } else if (cast.equals("microsoft.graph.group")) {
            groups = true;
            units = false;
            type = "microsoft.graph.group";
            require(ctx, Permission.USER_READ, Permission.GROUP_READ);
        } else if (cast.equals("microsoft.graph.administrativeUnit")) {
            groups = false;
            units = true;
            type = "microsoft.graph.administrativeUnit";
            require(ctx, Permission.USER_READ, Permission.AU_READ);
        } else {
            throw unknownSegment(cast);
        }
        checkOptions(q, true);
        Map<String, Object> u = dir.requireUser(key);
        List<Map<String, Object>> items = dir.memberOf((String) u.get("id"), groups, units);
        if (q.containsKey("$filter")) {
            Predicate<Map<String, Object>> p = ODataFilter.parse(q.get("$filter"),
                    units && !groups ? Directory.AU_FILTERABLE : Directory.GROUP_FILTERABLE);
            items.removeIf(p.negate());
        }
        Set<String> props = new LinkedHashSet<>(Directory.GROUP_PROPERTIES);
        if (!groups) {
            props = Directory.AU_PROPERTIES;
        } else if (units) {
            props.addAll(Directory.AU_PROPERTIES);
        }
        return page(items, type == null ? "directoryObjects" : (groups ? "groups" : "administrativeUnits"), q, null,
                props, type, "users/" + key + "/memberOf" + (cast == null ? "" : "/" + cast), type == null ? "" : null);
    }

    private Resp containers(Directory.Kind kind, String method, List<String> seg, Map<String, String> q,
                            JsonNode body, Ctx ctx, String entitySet) {
        Permission read = kind == Directory.Kind.GROUP ? Permission.GROUP_READ : Permission.AU_READ;
        Permission write = kind == Directory.Kind.GROUP ? Permission.GROUP_MEMBER_WRITE : Permission.AU_MEMBER_WRITE;
        Set<String> props = kind == Directory.Kind.GROUP ? Directory.GROUP_PROPERTIES : Directory.AU_PROPERTIES;
        Set<String> filterable = kind == Directory.Kind.GROUP ? Directory.GROUP_FILTERABLE : Directory.AU_FILTERABLE;
        String type = kind == Directory.Kind.GROUP ? "microsoft.graph.group" : "microsoft.graph.administrativeUnit";
        Map<String, Map<String, Object>> store = kind == Directory.Kind.GROUP ? dir.groups : dir.units;
        int n = seg.size();
        if (n == 0) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            require(ctx, read);
            checkOptions(q, true);
            List<Map<String, Object>> all = new ArrayList<>(store.values());
            if (q.containsKey("$filter")) {
                all.removeIf(ODataFilter.parse(q.get("$filter"), filterable).negate());
            }
            return page(all, entitySet, q, null, props, type, entitySet, null);
        }
        String id = seg.get(0);
        if (n == 1) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            require(ctx, read);
            checkOptions(q, false);
            Map<String, Object> c = dir.requireContainer(kind, id);
            ObjectNode o = NODES.objectNode();
            o.put("@odata.context", graphBaseUrl() + "/$metadata#" + entitySet + selectSuffix(q) + "/$entity");
            project(c, select(q, null, props, type), o);
            return new Resp(200, o);
        }
        if (!seg.get(1).equals("members")) {
            throw unknownSegment(seg.get(1));
        }
        if (n == 2) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            require(ctx, read, Permission.USER_READ);
            checkOptions(q, true);
            Map<String, Object> c = dir.requireContainer(kind, id);
            List<Map<String, Object>> users = new ArrayList<>();
            for (String uid : dir.members.get((String) c.get("id"))) {
                Map<String, Object> u = dir.users.get(uid);
                if (u != null) {
                    users.add(u);
                }
            }
            return page(users, "directoryObjects", q, Directory.USER_DEFAULT_SELECT, Directory.USER_PROPERTIES,
                    "microsoft.graph.user", entitySet + "/" + id + "/members", "");
        }
        if (n == 3 && seg.get(2).equals("$ref")) {
            if (!method.equals("POST")) {
                return methodNotAllowed(method);
            }
            require(ctx, write);
            Map<String, Object> c = dir.requireContainer(kind, id);
            String memberId = referencedId(body);
            Directory.Kind mk = dir.kindOf(memberId);
            if (mk == null) {
                throw GraphError.notFound(memberId);
            }
            if (mk != Directory.Kind.USER) {
                throw GraphError.badRequest("The simulator supports users as members only.");
            }
            dir.addMember((String) c.get("id"), Directory.canonicalId(memberId));
            return new Resp(204, null);
        }
        if (n == 4 && seg.get(3).equals("$ref")) {
            if (!method.equals("DELETE")) {
                return methodNotAllowed(method);
            }
            require(ctx, write);
            Map<String, Object> c = dir.requireContainer(kind, id);
            String memberId = Directory.canonicalId(seg.get(2));
            if (memberId == null || dir.kindOf(memberId) == null) {
                throw GraphError.notFound(seg.get(2));
            }
            dir.removeMember((String) c.get("id"), memberId);
            return new Resp(204, null);
        }
        throw unknownSegment(seg.get(n - 1));
    }

    private static final Pattern REF = Pattern.compile(
            "https?://[^/]+/(?:v1\\.0|beta)/(?:directoryObjects|users|groups|devices|servicePrincipals)/([^/?#]+)/?");

    private static String referencedId(JsonNode body) {
        if (body == null || !body.path("@odata.id").isTextual()) {
            throw GraphError.badRequest("The request payload must contain '@odata.id'.");
        }
        String ref = body.get("@odata.id").asText();
        Matcher m = REF.matcher(ref);
        if (!m.matches()) {
            throw GraphError.badRequest("Invalid URL format specified in @odata.id: '" + ref + "'.");
        }
        String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (Directory.canonicalId(id) == null) {
            throw GraphError.badRequest("Invalid object identifier '" + id + "'.");
        }
        return id;
    }

    // ------------------------------------------------------------------ query options, projection, paging

    private static final Set<String> LIST_OPTIONS = Set.of("$select", "$filter", "$top", "$skiptoken");
    private static final Set<String> ENTITY_OPTIONS = Set.of("$select");

    private static void checkOptions(Map<String, String> q, boolean list) {
        Set<String> allowed = list ? LIST_OPTIONS : ENTITY_OPTIONS;
        for (String k : q.keySet()) {
            String normal = k.startsWith("$") ? k : "$" + k;
            if (!allowed.contains(normal)) {
                if (k.startsWith("$") || Set.of("select", "filter", "top", "skiptoken", "orderby", "expand", "count",
                        "search", "skip").contains(k)) {
                    throw new GraphError(400, "Request_BadRequest", "Query option '" + k + "' is not supported by "
                            + "the simulator on this resource.");
                }
            }
        }
        for (String k : new ArrayList<>(q.keySet())) {
            if (!k.startsWith("$") && allowed.contains("$" + k)) {
                q.put("$" + k, q.remove(k));
            }
        }
    }

    private static String selectSuffix(Map<String, String> q) {
        return q.containsKey("$select") ? "(" + q.get("$select").replace(" ", "") + ")" : "";
    }

    private static List<String> select(Map<String, String> q, List<String> defaults, Set<String> props, String type) {
        String s = q.get("$select");
        if (s == null || s.isBlank()) {
            return defaults;
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String match = null;
            for (String known : props) {
                if (known.equalsIgnoreCase(p)) {
                    match = known;
                }
            }
            if (match == null) {
                throw new GraphError(400, "Request_BadRequest",
                        "Could not find a property named '" + p + "' on type '" + type + "'.");
            }
            if (!out.contains(match)) {
                out.add(match);
            }
        }
        return out;
    }

    /** Copies selected properties ({@code null} = all but write-only ones) into {@code out}. */
    private static void project(Map<String, Object> entity, List<String> select, ObjectNode out) {
        if (select == null) {
            for (Map.Entry<String, Object> e : entity.entrySet()) {
                if (!e.getKey().equals("passwordProfile")) {
                    out.set(e.getKey(), JSON.valueToTree(e.getValue()));
                }
            }
            return;
        }
        for (String p : select) {
            out.set(p, p.equals("passwordProfile") ? NODES.nullNode() : JSON.valueToTree(entity.get(p)));
        }
    }

    private Resp page(List<Map<String, Object>> items, String contextSet, Map<String, String> q,
                      List<String> defaultSelect, Set<String> props, String type, String pathForNext,
                      String typeAnnotation) {
        int size = pageSize;
        if (q.containsKey("$top")) {
            try {
                size = Integer.parseInt(q.get("$top").trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > 999) {
                throw new GraphError(400, "Request_UnsupportedQuery", "Invalid page size specified: '" + q.get("$top")
                        + "'. Must be between 1 and 999 inclusive.");
            }
        }
        int offset = 0;
        if (q.containsKey("$skiptoken")) {
            offset = decodeSkipToken(q.get("$skiptoken"));
        }
        List<String> select = select(q, defaultSelect, props, type == null ? "microsoft.graph.directoryObject" : type);
        ObjectNode out = NODES.objectNode();
        out.put("@odata.context", graphBaseUrl() + "/$metadata#" + contextSet + selectSuffix(q));
        int end = Math.min(items.size(), offset + size);
        if (end < items.size()) {
            StringBuilder next = new StringBuilder(graphBaseUrl().toString()).append('/').append(encodePath(pathForNext))
                    .append('?');
            for (Map.Entry<String, String> e : q.entrySet()) {
                if (!e.getKey().equals("$skiptoken")) {
                    next.append(encodeQuery(e.getKey())).append('=').append(encodeQuery(e.getValue())).append('&');
                }
            }
            next.append("$skiptoken=").append(encodeSkipToken(end));
            out.put("@odata.nextLink", next.toString());
        }
        ArrayNode value = out.putArray("value");
        for (Map<String, Object> item : items.subList(Math.min(offset, items.size()), end)) {
            ObjectNode o = value.addObject();
            if (typeAnnotation != null) {
                String t = type != null ? type : (dir.groups.containsKey((String) item.get("id"))
                        ? "microsoft.graph.group" : "microsoft.graph.administrativeUnit");
                o.put("@odata.type", "#" + t);
            }
            List<String> effective = select;
            if (select != null && type == null) {
                // memberOf without a cast mixes types: only properties the object has
                effective = select.stream().filter(item::containsKey).toList();
            }
            project(item, effective, o);
        }
        return new Resp(200, out);
    }

    private static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String s : path.split("/")) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$"));
        }
        return sb.toString();
    }

    private static String encodeQuery(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }

    private static String encodeSkipToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("gsim:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeSkipToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("gsim:")) {
                int n = Integer.parseInt(s.substring(5));
                if (n >= 0) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new GraphError(400, "Request_BadRequest", "Invalid skip token.");
    }

    @Override
    public String toString() {
        return "GraphSimulator[" + (server == null ? "stopped" : graphBaseUrl()) + "]";
    }
}
