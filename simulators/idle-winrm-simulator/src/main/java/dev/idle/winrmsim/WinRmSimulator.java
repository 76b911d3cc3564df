package dev.idle.winrmsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.idle.simsupport.SimulatorHttpsServer;
import dev.idle.simsupport.SimulatorTls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An HTTPS WinRM endpoint ({@code POST /wsman}, SOAP 1.2) on 127.0.0.1 in front of an emulated Entra Connect server
 * ({@link EntraConnectServer}). It speaks the WS-Management Windows Remote Shell subset that remote command runners
 * use: {@code Create} a cmd shell, {@code Command}, {@code Receive} (base64 {@code stdout}/{@code stderr} streams,
 * {@code CommandState} with {@code ExitCode}), {@code Signal} (terminate) and {@code Delete}. Requests authenticate
 * with HTTP Basic against the configured accounts.
 *
 * <p>It is not a PowerShell interpreter: a command must be {@code powershell.exe ... -EncodedCommand <base64>}; the
 * decoded script is searched for {@code Start-ADSyncSyncCycle} or {@code Get-ADSyncScheduler}, with arguments taken
 * from a {@code $IdleArgs = @('...')} line (as the Entra Connect provider sends them) or from a literal
 * {@code -PolicyType X}. The answer is what the provider's script prints: the pipeline objects as a compact JSON
 * array on stdout (exit 0), or the error message on stderr (exit 1). Anything else fails like an unknown command.
 *
 * <p>Throttling: at most {@link Builder#maxShellsPerUser} open shells per user (WinRM's {@code MaxShellsPerUser}
 * quota fault beyond that). Fault injection: {@link #failNext}. The request log ({@link #requests},
 * {@link Builder#onRequest}) never contains a password or an {@code Authorization} header.
 */
public final class WinRmSimulator implements AutoCloseable {
    /** The machine name WinRM faults report. */
    public static final String MACHINE = "AADC01";

    private static final Pattern ENCODED = Pattern.compile("(?i)-(?:EncodedCommand|enc|e)\\s+([A-Za-z0-9+/=]+)");
    private static final Pattern IDLE_ARGS = Pattern.compile("\\$IdleArgs\\s*=\\s*@\\((.*?)\\)", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern LITERAL_POLICY = Pattern.compile("(?i)-PolicyType\\s+'?([A-Za-z0-9]+)'?");

    private record Account(String password, boolean operator) {
    }

    private static final class Shell {
        final String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        final String user;
        final Map<String, Command> commands = new ConcurrentHashMap<>();

        Shell(String user) {
            this.user = user;
        }
    }

    private static final class Command {
        final String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        final Deque<byte[]> stdout = new ArrayDeque<>();
        final byte[] stderr;
        final int exitCode;

        Command(byte[] out, byte[] err, int exitCode) {
            // Two Receive rounds when there is output, so clients must loop until CommandState is Done.
            if (out.length > 1) {
                stdout.add(java.util.Arrays.copyOfRange(out, 0, out.length / 2));
                stdout.add(java.util.Arrays.copyOfRange(out, out.length / 2, out.length));
            } else {
                stdout.add(out);
            }
            this.stderr = err;
            this.exitCode = exitCode;
        }
    }

    private final Object lock = new Object();
    private final Map<String, Account> accounts;
    private final int maxShellsPerUser;
    private final Duration latency;
    private final Path requestedWorkDir;
    private final int requestedPort;
    private final List<Consumer<RequestRecord>> listeners = new CopyOnWriteArrayList<>();
    private final List<RequestRecord> log = new CopyOnWriteArrayList<>();
    private final Map<String, Shell> shells = new ConcurrentHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final EntraConnectServer server;
    private final Clock clock;
    private int shellsCreated;
    private int shellsDeleted;
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
                Files.writeString(pemTrustStore, tls.certificatePem(), StandardCharsets.US_ASCII);
                http = listener.listen(requestedPort, "winrm-simulator", this::handle);
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
        return shells.size();
    }

    public synchronized int shellsCreated() {
        return shellsCreated;
    }

    public synchronized int shellsDeleted() {
        return shellsDeleted;
    }

    /** Every request answered so far, oldest first. */
    public List<RequestRecord> requests() {
        return List.copyOf(log);
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        String user = null;
        try (ex) {
            if (!latency.isZero()) {
                try {
                    Thread.sleep(latency.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!"/wsman".equalsIgnoreCase(ex.getRequestURI().getPath()) || !"POST".equals(ex.getRequestMethod())) {
                send(ex, 404, null, null, "", ex.getRequestMethod() + " " + ex.getRequestURI().getPath(), null);
                return;
            }
            String[] credentials = basic(ex.getRequestHeaders().getFirst("Authorization"));
            user = credentials == null ? null : credentials[0];
            Account account = credentials == null ? null : accounts.get(credentials[0].toLowerCase(Locale.ROOT));
            if (account == null || !account.password().equals(credentials[1])) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"WSMAN\"");
                send(ex, 401, user, null, "", "authentication failed", null);
                return;
            }
            Fault fault;
            synchronized (faults) {
                fault = faults.poll();
            }
            if (fault != null) {
                playFault(ex, fault, user);
                return;
            }
            Document doc;
            try {
                doc = Soap.parse(body);
            } catch (IOException e) {
                send(ex, 400, user, null, Soap.fault(null, "s:Sender", "w:SchemaValidationError", 2150858817L,
                        MACHINE, "The SOAP XML in the message does not match the corresponding XML schema "
                                + "definition."), "malformed envelope", null);
                return;
            }
            String action = Soap.text(doc, Soap.ADDRESSING, "Action");
            String messageId = Soap.text(doc, Soap.ADDRESSING, "MessageID");
            String shellId = Soap.selector(doc, "ShellId");
            if (Soap.ACTION_CREATE.equals(action)) {
                create(ex, doc, user, messageId);
            } else if (Soap.ACTION_COMMAND.equals(action)) {
                command(ex, doc, user, messageId, shellId);
            } else if (Soap.ACTION_RECEIVE.equals(action)) {
                receive(ex, doc, user, messageId, shellId);
            } else if (Soap.ACTION_SIGNAL.equals(action)) {
                signal(ex, doc, user, messageId, shellId);
            } else if (Soap.ACTION_DELETE.equals(action)) {
                delete(ex, user, messageId, shellId);
            } else {
                send(ex, 500, user, shellId, Soap.fault(messageId, "s:Sender", "a:ActionNotSupported", 2150858774L,
                        MACHINE, "The action is not supported by the service."), "unsupported action", action);
            }
        } catch (IOException | RuntimeException e) {
            record(user, "error", null, e.getClass().getSimpleName(), 0);
            throw e;
        }
    }

    private void playFault(HttpExchange ex, Fault fault, String user) throws IOException {
        switch (fault) {
            case INTERNAL_ERROR -> send(ex, 500, user, null, Soap.fault(null, "s:Receiver", "w:InternalError",
                    2147943418L, MACHINE, "The WS-Management service cannot process the request because of an "
                            + "internal error (fault injected by the simulator)."), "fault INTERNAL_ERROR", null);
            case SERVICE_UNAVAILABLE -> send(ex, 503, user, null, "", "fault SERVICE_UNAVAILABLE", null);
            case DROP_CONNECTION -> {
                record(user, "fault", null, "DROP_CONNECTION", 0);
                // closing the exchange without a response drops the connection
            }
        }
    }

    private void create(HttpExchange ex, Document doc, String user, String messageId) throws IOException {
        String resource = Soap.text(doc, Soap.WSMAN, "ResourceURI");
        if (!Soap.CMD_SHELL_URI.equals(resource)) {
            send(ex, 500, user, null, Soap.fault(messageId, "s:Sender", "w:DestinationUnreachable", 2150858770L,
                    MACHINE, "The WS-Management service cannot process the request because the resource URI is "
                            + "not supported."), "Create", "unsupported resource " + resource);
            return;
        }
        long open = shells.values().stream().filter(s -> s.user.equalsIgnoreCase(user)).count();
        if (open >= maxShellsPerUser) {
            send(ex, 500, user, null, Soap.fault(messageId, "s:Receiver", "w:QuotaLimit", 2150859174L, MACHINE,
                    "The WS-Management service cannot process the request. This user is allowed a maximum number of "
                            + maxShellsPerUser + " concurrent shells, which has been exceeded. Close existing shells "
                            + "or raise the quota for this user."), "Create", "MaxShellsPerUser exceeded");
            return;
        }
        Shell shell = new Shell(user);
        shells.put(shell.id, shell);
        synchronized (this) {
            shellsCreated++;
        }
        String address = "https://127.0.0.1:" + port() + "/wsman";
        String body = "<x:ResourceCreated><a:Address>" + address + "</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + Soap.CMD_SHELL_URI + "</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"ShellId\">" + shell.id + "</w:Selector></w:SelectorSet></a:ReferenceParameters>"
                + "</x:ResourceCreated><rsp:Shell><rsp:ShellId>" + shell.id + "</rsp:ShellId>"
                + "<rsp:ResourceUri>" + Soap.CMD_SHELL_URI + "</rsp:ResourceUri><rsp:Owner>" + Soap.escape(user)
                + "</rsp:Owner><rsp:ClientIP>127.0.0.1</rsp:ClientIP><rsp:IdleTimeOut>PT7200.000S</rsp:IdleTimeOut>"
                + "<rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams>"
                + "<rsp:ShellRunTime>P0DT0H0M0S</rsp:ShellRunTime><rsp:ShellInactivity>P0DT0H0M0S</rsp:ShellInactivity>"
                + "</rsp:Shell>";
        send(ex, 200, user, shell.id, Soap.envelope(Soap.TRANSFER + "/CreateResponse", messageId, body), "Create",
                null);
    }

    private Shell shell(HttpExchange ex, String user, String messageId, String shellId, String action)
            throws IOException {
        Shell shell = shellId == null ? null : shells.get(shellId);
        if (shell == null || !shell.user.equalsIgnoreCase(user)) {
            send(ex, 500, user, shellId, Soap.fault(messageId, "s:Sender", "w:InvalidSelectors", 2150858843L, MACHINE,
                    "The request for the Windows Remote Shell with ShellId " + shellId + " failed because the shell "
                            + "was not found on the server. Possible causes are: the specified ShellId is incorrect "
                            + "or the shell no longer exists on the server."), action, "shell not found");
            return null;
        }
        return shell;
    }

    private void command(HttpExchange ex, Document doc, String user, String messageId, String shellId)
            throws IOException {
        Shell shell = shell(ex, user, messageId, shellId, "Command");
        if (shell == null) {
            return;
        }
        String exe = Soap.text(doc, Soap.SHELL, "Command");
        List<String> args = new ArrayList<>();
        for (Element a : Soap.all(doc, Soap.SHELL, "Arguments")) {
            args.add(a.getTextContent());
        }
        String commandLine = (exe == null ? "" : exe) + " " + String.join(" ", args);
        Account account = accounts.get(user.toLowerCase(Locale.ROOT));
        String[] detail = new String[1];
        Command cmd = run(commandLine, account.operator(), detail);
        shell.commands.put(cmd.id, cmd);
        String body = "<rsp:CommandResponse><rsp:CommandId>" + cmd.id + "</rsp:CommandId></rsp:CommandResponse>";
        send(ex, 200, user, shell.id, Soap.envelope(Soap.ACTION_COMMAND + "Response", messageId, body), "Command",
                detail[0] + " -> exit " + cmd.exitCode);
    }

    /** "Runs" a command line: recognises the ADSync scripts and answers as PowerShell would print them. */
    private Command run(String commandLine, boolean operator, String[] detail) {
        String exe = commandLine.trim().split("\\s+", 2)[0];
        if (!exe.toLowerCase(Locale.ROOT).matches("(.*\\\\)?powershell(\\.exe)?|pwsh(\\.exe)?")) {
            detail[0] = exe;
            return failed("'" + exe + "' is not recognized as an internal or external command,\r\n"
                    + "operable program or batch file.");
        }
        Matcher m = ENCODED.matcher(commandLine);
        if (!m.find()) {
            detail[0] = "powershell (no -EncodedCommand)";
            return failed("The simulator runs only scripts passed with -EncodedCommand.");
        }
        String script;
        try {
            script = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_16LE);
        } catch (IllegalArgumentException e) {
            detail[0] = "powershell (bad -EncodedCommand)";
            return failed("Cannot process the command because the value specified with -EncodedCommand is not "
                    + "properly encoded. The value must be Base64 encoded.");
        }
        List<String> args = new ArrayList<>();
        Matcher am = IDLE_ARGS.matcher(script);
        if (am.find()) {
            Matcher q = QUOTED.matcher(am.group(1));
            while (q.find()) {
                args.add(q.group(1).replace("''", "'"));
            }
        }
        EntraConnectServer.Outcome outcome;
        if (script.contains("Start-ADSyncSyncCycle")) {
            String policy = args.isEmpty() ? literalPolicy(script) : args.get(0);
            detail[0] = "Start-ADSyncSyncCycle -PolicyType " + policy;
            outcome = server.startSyncCycle(policy, operator);
        } else if (script.contains("Get-ADSyncScheduler")) {
            detail[0] = "Get-ADSyncScheduler";
            outcome = server.scheduler(operator);
        } else {
            detail[0] = "powershell (unrecognised script)";
            return failed("The simulator recognises only Start-ADSyncSyncCycle and Get-ADSyncScheduler.");
        }
        if (outcome.error() != null) {
            return failed(outcome.error());
        }
        return new Command((Json.array(outcome.objects()) + "\r\n").getBytes(StandardCharsets.UTF_8), new byte[0],
                0);
    }

    private static String literalPolicy(String script) {
        Matcher m = LITERAL_POLICY.matcher(script);
        return m.find() ? m.group(1) : "";
    }

    private static Command failed(String message) {
        return new Command(new byte[0], (message + "\r\n").getBytes(StandardCharsets.UTF_8), 1);
    }

    private void receive(HttpExchange ex, Document doc, String user, String messageId, String shellId)
            throws IOException {
        Shell shell = shell(ex, user, messageId, shellId, "Receive");
        if (shell == null) {
            return;
        }
        Element desired = Soap.first(doc, Soap.SHELL, "DesiredStream");
        String commandId = desired == null ? null : desired.getAttribute("CommandId");
        Command cmd = commandId == null ? null : shell.commands.get(commandId);
        if (cmd == null) {
            send(ex, 500, user, shell.id, Soap.fault(messageId, "s:Sender", "w:InvalidParameter", 2150858882L,
                    MACHINE, "The WS-Management service cannot process the request because the command id is not "
                            + "valid."), "Receive", "unknown command");
            return;
        }
        StringBuilder body = new StringBuilder("<rsp:ReceiveResponse>");
        byte[] chunk;
        boolean done;
        synchronized (cmd) {
            chunk = cmd.stdout.poll();
            done = cmd.stdout.isEmpty();
        }
        if (chunk != null && chunk.length > 0) {
            body.append(stream("stdout", cmd.id, chunk, false));
        }
        if (done) {
            body.append(stream("stdout", cmd.id, new byte[0], true));
            if (cmd.stderr.length > 0) {
                body.append(stream("stderr", cmd.id, cmd.stderr, false));
            }
            body.append(stream("stderr", cmd.id, new byte[0], true));
            body.append("<rsp:CommandState CommandId=\"").append(cmd.id).append("\" State=\"")
                    .append(Soap.STATE_DONE).append("\"><rsp:ExitCode>").append(cmd.exitCode)
                    .append("</rsp:ExitCode></rsp:CommandState>");
        } else {
            body.append("<rsp:CommandState CommandId=\"").append(cmd.id).append("\" State=\"")
                    .append(Soap.STATE_RUNNING).append("\"/>");
        }
        body.append("</rsp:ReceiveResponse>");
        send(ex, 200, user, shell.id, Soap.envelope(Soap.ACTION_RECEIVE + "Response", messageId, body.toString()),
                "Receive", done ? "Done exit " + cmd.exitCode : "Running");
    }

    private static String stream(String name, String commandId, byte[] data, boolean end) {
        return "<rsp:Stream Name=\"" + name + "\" CommandId=\"" + commandId + "\"" + (end ? " End=\"true\"" : "")
                + (data.length == 0 ? "/>" : ">" + Base64.getEncoder().encodeToString(data) + "</rsp:Stream>");
    }

    private void signal(HttpExchange ex, Document doc, String user, String messageId, String shellId)
            throws IOException {
        Shell shell = shell(ex, user, messageId, shellId, "Signal");
        if (shell == null) {
            return;
        }
        Element sig = Soap.first(doc, Soap.SHELL, "Signal");
        String commandId = sig == null ? null : sig.getAttribute("CommandId");
        if (commandId != null) {
            shell.commands.remove(commandId);
        }
        send(ex, 200, user, shell.id, Soap.envelope(Soap.ACTION_SIGNAL + "Response", messageId,
                "<rsp:SignalResponse/>"), "Signal", Soap.text(doc, Soap.SHELL, "Code"));
    }

    private void delete(HttpExchange ex, String user, String messageId, String shellId) throws IOException {
        if (shell(ex, user, messageId, shellId, "Delete") == null) {
            return;
        }
        shells.remove(shellId);
        synchronized (this) {
            shellsDeleted++;
        }
        send(ex, 200, user, shellId, Soap.envelope(Soap.TRANSFER + "/DeleteResponse", messageId, ""), "Delete", null);
    }

    private void send(HttpExchange ex, int status, String user, String shellId, String body, String action,
                      String detail) throws IOException {
        // Logged before the answer goes out: a client holding the response always finds its request in the log.
        record(user, action, shellId, detail, status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            ex.getResponseHeaders().set("Content-Type", "application/soap+xml;charset=UTF-8");
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void record(String user, String action, String shellId, String detail, int status) {
        RequestRecord r = new RequestRecord(clock.instant(), user, action, shellId, detail, status);
        log.add(r);
        for (Consumer<RequestRecord> l : listeners) {
            l.accept(r);
        }
    }

    /** {user, password} from a Basic header, or null. */
    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
