package dev.idle.winrmsim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.w3c.dom.Document;

/**
 * The simulator's HTTP entry ({@code POST /wsman}, SOAP 1.2): adds the configured latency, authenticates with HTTP
 * Basic (else 401 with {@code WWW-Authenticate: Negotiate} and {@code Basic realm="WSMAN"}, no body), plays an injected
 * {@link Fault}, parses the envelope (a malformed one is a {@code w:SchemaValidationError} fault) and sends its
 * WS-Addressing action to the {@link ShellHandler}; an unknown action is {@code a:ActionNotSupported}. Every answer
 * is logged before it goes out, never with a password or the {@code Authorization} header. Thread-safe.
 */
final class WsManRouter {
    private final Map<String, Account> accounts;
    private final Duration latency;
    private final Deque<Fault> faults;
    private final ShellHandler shells;
    private final Clock clock;
    private final List<RequestRecord> log;
    private final List<Consumer<RequestRecord>> listeners;

    WsManRouter(Map<String, Account> accounts, Duration latency, Deque<Fault> faults, ShellHandler shells, Clock clock,
                List<RequestRecord> log, List<Consumer<RequestRecord>> listeners) {
        this.accounts = accounts;
        this.latency = latency;
        this.faults = faults;
        this.shells = shells;
        this.clock = clock;
        this.log = log;
        this.listeners = listeners;
    }

    void handle(HttpExchange ex) throws IOException {
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
                send(ex, null, new WsManReply(404, null, "", ex.getRequestMethod() + " " + ex.getRequestURI().getPath(),
                        null));
                return;
            }
            String[] credentials = basic(ex.getRequestHeaders().getFirst("Authorization"));
            user = credentials == null ? null : credentials[0];
            Account account = credentials == null ? null : accounts.get(credentials[0].toLowerCase(Locale.ROOT));
            if (account == null || !account.password().equals(credentials[1])) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"WSMAN\"");
                send(ex, user, new WsManReply(401, null, "", "authentication failed", null));
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
                send(ex, user, new WsManReply(400, null, Soap.fault(null, "s:Sender", "w:SchemaValidationError",
                        2150858817L, WinRmSimulator.MACHINE, "The SOAP XML in the message does not match the "
                                + "corresponding XML schema definition."), "malformed envelope", null));
                return;
            }
            send(ex, user, dispatch(doc, user, account));
        } catch (IOException | RuntimeException e) {
            record(user, "error", null, e.getClass().getSimpleName(), 0);
            throw e;
        }
    }

    private WsManReply dispatch(Document doc, String user, Account account) {
        String action = Soap.text(doc, Soap.ADDRESSING, "Action");
        String messageId = Soap.text(doc, Soap.ADDRESSING, "MessageID");
        String shellId = Soap.selector(doc, "ShellId");
        if (Soap.ACTION_CREATE.equals(action)) {
            return shells.create(doc, user, messageId);
        } else if (Soap.ACTION_COMMAND.equals(action)) {
            return shells.command(doc, user, account.operator(), messageId, shellId);
        } else if (Soap.ACTION_RECEIVE.equals(action)) {
            return shells.receive(doc, user, messageId, shellId);
        } else if (Soap.ACTION_SIGNAL.equals(action)) {
            return shells.signal(doc, user, messageId, shellId);
        } else if (Soap.ACTION_DELETE.equals(action)) {
            return shells.delete(user, messageId, shellId);
        }
        return new WsManReply(500, shellId, Soap.fault(messageId, "s:Sender", "a:ActionNotSupported", 2150858774L,
                WinRmSimulator.MACHINE, "The action is not supported by the service."), "unsupported action", action);
    }

    private void playFault(HttpExchange ex, Fault fault, String user) throws IOException {
        switch (fault) {
            case INTERNAL_ERROR -> send(ex, user, new WsManReply(500, null, Soap.fault(null, "s:Receiver",
                    "w:InternalError", 2147943418L, WinRmSimulator.MACHINE, "The WS-Management service cannot process "
                            + "the request because of an internal error (fault injected by the simulator)."),
                    "fault INTERNAL_ERROR", null));
            case SERVICE_UNAVAILABLE -> send(ex, user, new WsManReply(503, null, "", "fault SERVICE_UNAVAILABLE", null));
            case DROP_CONNECTION -> {
                record(user, "fault", null, "DROP_CONNECTION", 0);
                // closing the exchange without a response drops the connection
            }
        }
    }

    private void send(HttpExchange ex, String user, WsManReply reply) throws IOException {
        // Logged before the answer goes out: a client holding the response always finds its request in the log.
        record(user, reply.action(), reply.shellId(), reply.detail(), reply.status());
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            ex.getResponseHeaders().set("Content-Type", "application/soap+xml;charset=UTF-8");
        }
        ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
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
