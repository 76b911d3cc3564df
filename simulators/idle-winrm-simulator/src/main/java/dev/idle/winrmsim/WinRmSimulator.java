package dev.idle.winrmsim;

import com.sun.net.httpserver.HttpsServer;
import dev.idle.simsupport.SimulatorFiles;
import dev.idle.simsupport.SimulatorHttpsServer;
import dev.idle.simsupport.SimulatorTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS WinRM endpoint ({@code POST /wsman}, SOAP 1.2) on 127.0.0.1 in front of an emulated Entra Connect server
 * ({@link EntraConnectServer}). It speaks the WS-Management Windows Remote Shell subset that remote command runners
 * use: {@code Create} a cmd shell, {@code Command}, {@code Receive} (base64 {@code stdout}/{@code stderr} streams,
 * {@code CommandState} with {@code ExitCode}), {@code Signal} (terminate) and {@code Delete}. Requests authenticate
 * with HTTP Basic against the configured accounts.
 *
 * <p>It is not a PowerShell interpreter: {@link AdSyncScripts} recognises the two ADSync cmdlets the Entra Connect
 * provider runs and answers as the provider's script prints them.
 *
 * <p>Throttling: at most {@link Builder#maxShellsPerUser} open shells per user (WinRM's {@code MaxShellsPerUser}
 * quota fault beyond that). Fault injection: {@link #failNext}. The request log ({@link #requests},
 * {@link Builder#onRequest}) never contains a password or an {@code Authorization} header.
 *
 * <p>This class is the public face (builder, lifecycle, controls); {@link WsManRouter} serves the requests with
 * {@link ShellHandler} (the shell resource) and {@link AdSyncScripts} (the directory-sync commands). Thread-safe.
 */
public final class WinRmSimulator implements AutoCloseable {
    /** The machine name WinRM faults report. */
    public static final String MACHINE = "AADC01";


    private final Object lock = new Object();
    private final Map<String, Account> accounts;
    private final int maxShellsPerUser;
    private final Duration latency;
    private final Path requestedWorkDir;
    private final int requestedPort;
    private final List<Consumer<RequestRecord>> listeners = new CopyOnWriteArrayList<>();
    private final List<RequestRecord> log = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final EntraConnectServer server;
    private final Clock clock;
    private final ShellHandler shells;
    private final WsManRouter router;
    private HttpsServer http;
    private SimulatorHttpsServer listener;
    private SimulatorTls tls;
    private Path pemTrustStore;

    private WinRmSimulator(Builder b) {
        this.accounts = new LinkedHashMap<>(b.accounts);
        this.maxShellsPerUser = b.maxShellsPerUser;
        this.latency = b.latency;
        this.requestedWorkDir = b.workDir;
        this.requestedPort = b.port;
        this.clock = b.clock;
        this.listeners.addAll(b.listeners);
        this.server = new EntraConnectServer(b.clock);
        server.cyclePolls(b.cyclePolls);
        if (b.cycleDuration != null) {
            server.cycleDuration(b.cycleDuration);
        }
        this.shells = new ShellHandler(maxShellsPerUser, new AdSyncScripts(server), () -> endpoint().toString());
        this.router = new WsManRouter(accounts, latency, faults, shells, clock, log, listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings fixed at start. */
    public static final class Builder {
        private final Map<String, Account> accounts = new LinkedHashMap<>();
        private int maxShellsPerUser = 30;
        private Duration latency = Duration.ZERO;
        private Path workDir;
        private int port;
        private int cyclePolls = 1;
        private Duration cycleDuration;
        private Clock clock = Clock.systemUTC();
        private final List<Consumer<RequestRecord>> listeners = new ArrayList<>();

        /** An account allowed to run ADSync cmdlets (local administrator or member of ADSyncOperators). */
        public Builder user(String name, String password) {
            accounts.put(name.toLowerCase(Locale.ROOT), new Account(password, true));
            return this;
        }

        /** An account that can open WinRM shells but is not an ADSync operator: ADSync cmdlets are denied. */
        public Builder nonOperatorUser(String name, String password) {
            accounts.put(name.toLowerCase(Locale.ROOT), new Account(password, false));
            return this;
        }

        /** WinRM's MaxShellsPerUser quota (default 30). */
        public Builder maxShellsPerUser(int n) {
            maxShellsPerUser = n;
            return this;
        }

        /** Delay added before every answer. */
        public Builder latency(Duration d) {
            latency = d;
            return this;
        }

        /** Where to write server.p12, truststore.p12 and truststore.pem (default: a temp directory). */
        public Builder workDirectory(Path dir) {
            workDir = dir;
            return this;
        }

        /** Port (default 0: ephemeral). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Scheduler reads a started cycle stays in progress (default 1). */
        public Builder cyclePolls(int n) {
            cyclePolls = n;
            return this;
        }

        /** Time a started cycle stays in progress (instead of a number of reads). */
        public Builder cycleDuration(Duration d) {
            cycleDuration = d;
            return this;
        }

        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        public Builder onRequest(Consumer<RequestRecord> listener) {
            listeners.add(listener);
            return this;
        }

        public WinRmSimulator build() {
            return new WinRmSimulator(this);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Generates the certificate and starts serving; returns this. */
    public WinRmSimulator start() {
        synchronized (lock) {
            if (http != null) {
                throw new IllegalStateException("already started");
            }
            try {
                listener = SimulatorHttpsServer.prepare(requestedWorkDir, "winrm-simulator");
                tls = listener.tls();
                pemTrustStore = listener.workDir().resolve("truststore.pem");
                SimulatorFiles.writePrivate(pemTrustStore, tls.certificatePem());
                http = listener.listen(requestedPort, "winrm-simulator", router::handle);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the WinRM simulator: " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS for the WinRM simulator: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        SimulatorHttpsServer l;
        synchronized (lock) {
            l = listener;
            http = null;
        }
        if (l != null) {
            l.close();
        }
    }

    private HttpsServer started() {
        HttpsServer s = http;
        if (s == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return s;
    }

    public int port() {
        return started().getAddress().getPort();
    }

    /** {@code https://127.0.0.1:<port>/wsman}. */
    public URI endpoint() {
        return URI.create("https://127.0.0.1:" + port() + "/wsman");
    }

    /** The simulator's certificate as a PEM file (no password needed). */
    public Path trustStorePem() {
        started();
        return pemTrustStore;
    }

    /** The PKCS12 trust store; its password is {@link #trustStorePassword()}. */
    public Path trustStore() {
        started();
        return tls.trustStore();
    }

    public char[] trustStorePassword() {
        started();
        return tls.password();
    }

    /** A client SSL context that trusts only the simulator (verification stays on). */
    public SSLContext clientSslContext() {
        try {
            return tls.clientContext();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the client TLS context: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ state and controls

    /** The emulated Entra Connect server: cycle duration, stuck and access-denied modes, started cycles. */
    public EntraConnectServer entraConnect() {
        return server;
    }

    /** The next {@code count} requests (after authentication) are answered with {@code fault}. */
    public void failNext(Fault fault, int count) {
        synchronized (faults) {
            for (int i = 0; i < count; i++) {
                faults.add(fault);
            }
        }
    }

    /** Shells currently open. */
    public int openShells() {
        return shells.open();
    }

    /** Shells created so far. */
    public int shellsCreated() {
        return shells.created();
    }

    /** Shells deleted so far. */
    public int shellsDeleted() {
        return shells.deleted();
    }

    /** Every request answered so far, oldest first. */
    public List<RequestRecord> requests() {
        return List.copyOf(log);
    }
}
