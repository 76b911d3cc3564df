package dev.idle.graphsim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsServer;
import dev.idle.simsupport.SimulatorHttpsServer;
import dev.idle.simsupport.SimulatorTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A stateful HTTPS simulator of the Microsoft Graph v1.0 endpoints the Entra ID provider uses, plus the Microsoft
 * identity platform's client-credentials token endpoint and the Exchange admin API, on {@code 127.0.0.1} with an
 * ephemeral port.
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
 * verification left on. This class is the public face: lifecycle, apps, traffic and behaviour knobs, and (from
 * {@link TenantSeeding}) seeding and inspection. Requests are served
 * by {@link GraphRouter} and one handler per resource family; all of them share one {@link GraphTenant} and its
 * lock, so the simulator is thread-safe.
 */
public final class GraphSimulator extends TenantSeeding implements AutoCloseable {
    static final ObjectMapper JSON = GraphRequests.JSON;

    private final GraphRouter router;
    private final int requestedPort;
    private final Path requestedWorkDir;
    private HttpsServer server;
    private SimulatorHttpsServer listener;
    private SimulatorTls tls;
    private SSLContext clientContext;

    private GraphSimulator(Builder b) {
        super(new GraphTenant(b.pageSize, b.latency, b.tokenLifetime));
        this.requestedPort = b.port;
        this.requestedWorkDir = b.workDirectory;
        this.router = new GraphRouter(tenant);
        if (b.throttleWindow != null) {
            tenant.throttling.throttle(b.throttleWrites, b.throttleWindow, b.throttleRetryAfter);
        }
        if (b.listener != null) {
            tenant.journal.addListener(b.listener);
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
        private int throttleWrites;
        private Duration throttleWindow;
        private Duration throttleRetryAfter;
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
            this.pageSize = GraphTenant.checkPageSize(n);
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
            Throttling.check(writes, window, retryAfter);
            this.throttleWrites = writes;
            this.throttleWindow = window;
            this.throttleRetryAfter = retryAfter;
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

    // ------------------------------------------------------------------ lifecycle and endpoints

    /** Generates the certificate and starts serving; returns this. */
    public GraphSimulator start() {
        synchronized (tenant.lock) {
            if (server != null) {
                throw new IllegalStateException("already started");
            }
            try {
                listener = SimulatorHttpsServer.prepare(requestedWorkDir, "graph-simulator");
                tls = listener.tls();
                clientContext = tls.clientContext();
                server = listener.listen(requestedPort, "graph-simulator", router::handle);
                tenant.listeningOn(server.getAddress().getPort());
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
        synchronized (tenant.lock) {
            l = listener;
            server = null;
        }
        if (l != null) {
            l.close();
        }
    }

    private <T> T started(Supplier<T> value) {
        if (server == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return value.get();
    }

    /** The port it listens on. */
    public int port() {
        return started(tenant::port);
    }

    /** {@code https://127.0.0.1:<port>/} — the authority host; the authority of a tenant is this plus the tenant id. */
    public URI authorityHost() {
        return started(tenant::authorityHost);
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
        return started(tenant::graphBaseUrl);
    }

    /** Base URL of the Exchange admin API as the provider's {@code exchangeBaseUrl} option wants it. */
    public URI exchangeBaseUrl() {
        return URI.create("https://127.0.0.1:" + port() + "/adminapi/beta");
    }

    /** PKCS12 trust store holding only the simulator's certificate. */
    public Path trustStore() {
        return started(() -> tls.trustStore());
    }

    /** Password of {@link #trustStore()} (a copy). */
    public char[] trustStorePassword() {
        return started(() -> tls.password());
    }

    /** Always {@code PKCS12}. */
    public String trustStoreType() {
        return "PKCS12";
    }

    /** An SSLContext whose (standard, verifying) trust manager trusts only the simulator's certificate. */
    public SSLContext clientSslContext() {
        return started(() -> clientContext);
    }

    /** Same as {@link #clientSslContext()}. */
    public SSLContext trustingSimulator() {
        return clientSslContext();
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
        locked(() -> tenant.apps.register(tenantId, clientId, clientSecret, roles));
    }

    /** Changes the permissions of a registered app ({@code null} = all); tokens already issued follow the change. */
    public void grantRoles(String clientId, Set<String> roles) {
        locked(() -> tenant.apps.grantRoles(clientId, roles));
    }

    /** Issues an access token for a registered app without the token endpoint (for tests of Graph calls alone). */
    public String issueToken(String clientId) {
        return locked(() -> tenant.apps.newToken(tenant.apps.require(clientId), "https://graph.microsoft.com"));
    }

    /** Test shortcut: a valid token for the Exchange admin API ({@code https://outlook.office365.com/.default}). */
    public String issueExchangeToken(String clientId) {
        return locked(() -> tenant.apps.newToken(tenant.apps.require(clientId), AppRegistry.EXCHANGE_RESOURCE));
    }

    /** Makes every token issued so far invalid (the next Graph call answers 401). */
    public void expireTokens() {
        locked(tenant.apps::expireTokens);
    }

    // ------------------------------------------------------------------ traffic

    /** Every request answered so far, in order (batch items follow their batch). */
    public List<RequestRecord> requestLog() {
        return tenant.journal.requestLog();
    }

    /** {@link #requestLog()} as log lines. */
    public List<String> requestLogLines() {
        return requestLog().stream().map(RequestRecord::line).toList();
    }

    /** Forgets the request log, accepted writes and Retry-After records (state is kept). */
    public void clearLog() {
        tenant.journal.clear();
    }

    /** Adds a listener called with every request record. */
    public void onRequest(Consumer<RequestRecord> listener) {
        tenant.journal.addListener(listener);
    }

    /** Number of writes (POST/PATCH/DELETE, top level or batch item; the {@code $batch} envelope itself excluded)
     * that were answered with a 2xx. */
    public int acceptedWrites() {
        return tenant.journal.acceptedWrites().size();
    }

    /** The accepted writes themselves. */
    public List<RequestRecord> acceptedWriteLog() {
        return tenant.journal.acceptedWrites();
    }

    /** Every 429 the throttle issued with the time the same client next came back. */
    public List<RetryAfterRecord> retryAfterIssued() {
        return tenant.journal.retryAfterIssued();
    }

    /**
     * Accepted writes per whole second of their arrival (UTC second → count; seconds without a write left out), all
     * clients together: what a rate-limit test or a benchmark plots against the throttle.
     */
    public SortedMap<Instant, Integer> writesPerSecond() {
        return WriteRates.perSecond(acceptedWriteLog());
    }

    /** The most accepted writes (all clients) that arrived within any sliding {@code window}, e.g. one second. */
    public int maxWritesInAnyWindow(Duration window) {
        return WriteRates.maxInAnyWindow(acceptedWriteLog(), window);
    }

    /**
     * The most Graph API writes <em>attempted</em> (POST, PATCH, PUT, DELETE under {@code /v1.0/}, whatever the answer,
     * 429s included; {@code $batch} items counted, their envelope not; token requests are not writes) that arrived
     * within any sliding {@code window}: what a server counting every write it receives would see.
     */
    public int maxAttemptedWritesInAnyWindow(Duration window) {
        return WriteRates.maxInAnyWindow(requestLog().stream().filter(r -> r.isWrite()
                && r.target().startsWith("/v1.0/") && !r.target().startsWith("/v1.0/$batch")).toList(), window);
    }

    /**
     * How many answers were {@code 429 Too Many Requests}: from the throttle or an injected fault, top-level or a
     * {@code $batch} item (the envelope of a batch whose items were throttled is itself a 200).
     */
    public int tooManyRequestsSent() {
        return (int) requestLog().stream().filter(r -> r.status() == 429).count();
    }

    // ------------------------------------------------------------------ behaviour knobs

    /**
     * Allows {@code writes} writes (POST, PATCH, PUT, DELETE; each batch item counts, the batch envelope does not)
     * per client in any sliding {@code window}; a write beyond that answers 429 {@code TooManyRequests} with
     * {@code Retry-After: ceil(retryAfter seconds)} and is not applied.
     */
    public void throttle(int writes, Duration window, Duration retryAfter) {
        tenant.throttling.throttle(writes, window, retryAfter);
    }

    /** Turns the throttle off. */
    public void noThrottle() {
        tenant.throttling.noThrottle();
    }

    /** Adds a fault; see {@link Fault}. Faults are consumed in the order added. */
    public void injectFault(Fault fault) {
        tenant.throttling.inject(fault);
    }

    /** The next {@code times} requests with {@code method} whose path matches {@code pathRegex} answer {@code status}. */
    public void injectFault(String method, String pathRegex, int times, int status) {
        injectFault(Fault.on(method, pathRegex).times(times).status(status));
    }

    /** Removes faults not yet consumed. */
    public void clearFaults() {
        tenant.throttling.clearFaults();
    }

    /** Fixed delay before every request is handled. */
    public void latency(Duration d) {
        tenant.latency = Objects.requireNonNull(d);
    }

    /** Default page size of collections (when the client sends no {@code $top}). */
    public void pageSize(int n) {
        tenant.pageSize = GraphTenant.checkPageSize(n);
    }

    @Override
    public String toString() {
        return "GraphSimulator[" + (server == null ? "stopped" : graphBaseUrl()) + "]";
    }
}
