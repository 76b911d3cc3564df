package dev.idle.provider.entraconnect;

import static dev.idle.provider.entraconnect.WsMan.CMD_SHELL_URI;
import static dev.idle.provider.entraconnect.WsMan.SHELL;
import static dev.idle.provider.entraconnect.WsMan.TRANSFER;
import static dev.idle.provider.entraconnect.WsMan.WSMAN;
import static dev.idle.provider.entraconnect.WsMan.all;
import static dev.idle.provider.entraconnect.WsMan.escape;
import static dev.idle.provider.entraconnect.WsMan.first;
import static dev.idle.provider.entraconnect.WsMan.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@link PsRemoting} over WinRM: the WS-Management Windows Remote Shell subset, spoken over HTTPS with HTTP Basic
 * authentication through the provider toolkit's call layer ({@link WsMan}). One session is one cmd shell
 * ({@code Create}); a command runs as
 * {@code powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <script>}
 * ({@code Command}); its streams are collected ({@code Receive}, repeated until the command state is {@code Done});
 * then the command is terminated ({@code Signal}) and the session ends with {@code Delete}.
 *
 * <p>The script wraps the command: preferences set to stop on errors, the arguments bound positionally
 * ({@code $IdleArgs = @('...')}, single-quoted), the pipeline output flattened to one JSON array (strings, booleans
 * and numbers; other values as their string form) on stdout; an error is written to stderr and ends the process with
 * exit code 1. The provider gets the error text as the message.
 *
 * <p>Plain HTTP (5985) is refused: WinRM over HTTP is only safe with NTLM/Kerberos message encryption, which this
 * client does not implement. TLS verification always stays on (trust store from the configuration, else the JDK's).
 *
 * <p>Transient failures (the engine may retry the step): connection refused and timeouts (connect and request), i.e.
 * cases where the WinRM service did not answer ({@code FailureClassifier.UNREACHABLE_ONLY}). Everything else,
 * including HTTP 401, WS-Man faults, 5xx answers and a dropped connection (the command may have run), is permanent.
 * A command that does not finish within the command timeout is transient.
 */
public final class WinRmClient implements PsRemoting {
    /** The default endpoint: the HTTPS listener on port 5986. */
    public static final String DEFAULT_ENDPOINT = "https://{ComputerName}:5986/wsman";

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpointTemplate;
    private final WsMan wsMan;
    private final Duration commandTimeout;

    /**
     * @param endpointTemplate URL with an optional {@code {ComputerName}} placeholder; must be {@code https}
     * @param ssl              the TLS context (its trust managers decide which server certificates are accepted)
     * @param connectTimeout   TCP/TLS connect timeout
     * @param operationTimeout WS-Man {@code OperationTimeout} of each request (the HTTP timeout adds 10 seconds)
     * @param commandTimeout   how long a command may run before it is given up
     */
    public WinRmClient(String endpointTemplate, SSLContext ssl, Duration connectTimeout, Duration operationTimeout,
                       Duration commandTimeout) {
        this(endpointTemplate, ssl, connectTimeout, operationTimeout, commandTimeout, Duration.ofSeconds(10));
    }

    /** As above; {@code httpSlack} is what the HTTP timeout adds to the operation timeout. */
    WinRmClient(String endpointTemplate, SSLContext ssl, Duration connectTimeout, Duration operationTimeout,
                Duration commandTimeout, Duration httpSlack) {
        String template = endpointTemplate == null ? DEFAULT_ENDPOINT : endpointTemplate;
        if (!template.toLowerCase(Locale.ROOT).startsWith("https://")) {
            throw new IllegalArgumentException("The WinRM endpoint must be https:// (got '" + template + "'): "
                    + "WinRM over plain HTTP needs NTLM/Kerberos message encryption, which is not implemented.");
        }
        this.endpointTemplate = template;
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.wsMan = new WsMan(client, operationTimeout, operationTimeout.plus(httpSlack));
        this.commandTimeout = commandTimeout;
    }

    /** A WinRM shell. Its {@code toString} never shows the credential. */
    static final class Shell implements RemoteSession {
        private final String computerName;
        private final URI endpoint;
        private final String authorization;
        private final String user;
        private final String shellId;

        Shell(String computerName, URI endpoint, String authorization, String user, String shellId) {
            this.computerName = computerName;
            this.endpoint = endpoint;
            this.authorization = authorization;
            this.user = user;
            this.shellId = shellId;
        }

        @Override
        public String computerName() {
            return computerName;
        }

        String shellId() {
            return shellId;
        }

        @Override
        public String toString() {
            return "WinRM shell " + shellId + " on " + computerName;
        }
    }

    /** The endpoint for a computer name. */
    URI endpoint(String computerName) {
        String host = computerName.trim();
        if (!HOST.matcher(host).matches()) {
            throw new ProviderException("'" + computerName + "' is not a valid computer name (DNS name or IPv4 "
                    + "address expected).");
        }
        return URI.create(endpointTemplate.replace("{ComputerName}", host));
    }

    @Override
    public RemoteSession newRemoteSession(String computerName, AuthSession credential) {
        URI endpoint = endpoint(computerName);
        String user = credential.attributes().getString("username");
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + credential.secret().reveal()).getBytes(StandardCharsets.UTF_8));
        Shell pending = new Shell(computerName, endpoint, authorization, user, null);
        Document doc = post(pending, TRANSFER + "/Create",
                "<w:OptionSet><w:Option Name=\"WINRS_NOPROFILE\">TRUE</w:Option>"
                        + "<w:Option Name=\"WINRS_CODEPAGE\">65001</w:Option></w:OptionSet>",
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams>"
                        + "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>");
        String shellId = null;
        for (Element e : all(doc, WSMAN, "Selector")) {
            if ("ShellId".equals(e.getAttribute("Name"))) {
                shellId = e.getTextContent().trim();
            }
        }
        if (shellId == null) {
            shellId = text(doc, SHELL, "ShellId");
        }
        if (shellId == null || shellId.isEmpty()) {
            throw new ProviderException("The WinRM service at " + endpoint + " created no shell (no ShellId in the "
                    + "answer).");
        }
        return new Shell(computerName, endpoint, authorization, user, shellId);
    }

    @Override
    public List<DataMap> invokeRemoteCommand(RemoteSession session, String command, List<String> arguments) {
        Shell shell = (Shell) session;
        String encoded = Base64.getEncoder().encodeToString(script(command, arguments)
                .getBytes(StandardCharsets.UTF_16LE));
        Document started = post(shell, SHELL + "/Command",
                "<w:OptionSet><w:Option Name=\"WINRS_CONSOLEMODE_STDIN\">TRUE</w:Option>"
                        + "<w:Option Name=\"WINRS_SKIP_CMD_SHELL\">FALSE</w:Option></w:OptionSet>",
                "<rsp:CommandLine><rsp:Command>powershell.exe</rsp:Command>"
                        + "<rsp:Arguments>-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand "
                        + encoded + "</rsp:Arguments></rsp:CommandLine>");
        String commandId = text(started, SHELL, "CommandId");
        if (commandId == null || commandId.isEmpty()) {
            throw new ProviderException("The WinRM service started no command (no CommandId in the answer).");
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Integer exitCode = null;
        Instant deadline = Instant.now().plus(commandTimeout);
        try {
            while (exitCode == null) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ProviderException("The remote command did not finish within "
                            + commandTimeout.toSeconds() + " seconds.", true, null, null);
                }
                Document received;
                try {
                    received = post(shell, SHELL + "/Receive",
                            "<w:OptionSet><w:Option Name=\"WSMAN_CMDSHELL_OPTION_KEEPALIVE\">TRUE</w:Option>"
                                    + "</w:OptionSet>",
                            "<rsp:Receive><rsp:DesiredStream CommandId=\"" + escape(commandId)
                                    + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>");
                } catch (WsMan.OperationTimedOut e) {
                    continue; // no output within OperationTimeout: ask again
                }
                for (Element s : all(received, SHELL, "Stream")) {
                    String data = s.getTextContent().trim();
                    if (data.isEmpty()) {
                        continue;
                    }
                    byte[] bytes = Base64.getMimeDecoder().decode(data);
                    ("stderr".equals(s.getAttribute("Name")) ? stderr : stdout).writeBytes(bytes);
                }
                Element state = first(received, SHELL, "CommandState");
                if (state != null && state.getAttribute("State").endsWith("/Done")) {
                    String code = text(state, SHELL, "ExitCode");
                    exitCode = code == null || code.isEmpty() ? 0 : Integer.parseInt(code.trim());
                }
            }
        } finally {
            try {
                post(shell, SHELL + "/Signal", "", "<rsp:Signal CommandId=\"" + escape(commandId) + "\"><rsp:Code>"
                        + SHELL + "/signal/terminate</rsp:Code></rsp:Signal>");
            } catch (RuntimeException ignored) {
                // the command has ended or the shell is going away; the session is removed next
            }
        }
        String out = stdout.toString(StandardCharsets.UTF_8);
        if (exitCode != 0) {
            String err = clean(stderr.toString(StandardCharsets.UTF_8));
            throw new ProviderException(err.isEmpty() ? "The remote command ended with exit code " + exitCode + "."
                    : err);
        }
        return parse(out);
    }

    @Override
    public void removeRemoteSession(RemoteSession session) {
        Shell shell = (Shell) session;
        post(shell, TRANSFER + "/Delete", "", "");
    }

    // ------------------------------------------------------------------ script

    /** The PowerShell script sent for {@code command} with {@code arguments}. */
    static String script(String command, List<String> arguments) {
        StringBuilder args = new StringBuilder();
        for (String a : arguments) {
            if (args.length() > 0) {
                args.append(", ");
            }
            args.append(quote(a));
        }
        return String.join("\r\n",
                "$ErrorActionPreference = 'Stop'",
                "$ProgressPreference = 'SilentlyContinue'",
                "$WarningPreference = 'SilentlyContinue'",
                "try {",
                "    $IdleArgs = @(" + args + ")",
                "    $IdleOut = @(& { " + command + " } @IdleArgs)",
                "    $IdleRows = @(foreach ($o in $IdleOut) {",
                "        if ($null -eq $o) { continue }",
                "        $row = [ordered]@{}",
                "        foreach ($p in $o.PSObject.Properties) {",
                "            $v = $p.Value",
                "            if ($null -eq $v -or $v -is [bool] -or $v -is [int] -or $v -is [long] -or $v -is [double]) "
                        + "{ $row[$p.Name] = $v } else { $row[$p.Name] = [string]$v }",
                "        }",
                "        [pscustomobject]$row",
                "    })",
                "    ConvertTo-Json -InputObject $IdleRows -Compress -Depth 2",
                "} catch {",
                "    [Console]::Error.WriteLine($_.Exception.Message)",
                "    exit 1",
                "}");
    }

    /** A PowerShell single-quoted string; every kind of single quote PowerShell accepts is doubled. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : (s == null ? "" : s).toCharArray()) {
            b.append(c);
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    /** The JSON array the script prints last, as maps; lines before it (stray host output) are ignored. */
    static List<DataMap> parse(String stdout) {
        String json = null;
        String[] lines = stdout.split("\\r?\\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].trim();
            if (l.startsWith("[") || l.startsWith("{")) {
                json = l;
                break;
            }
        }
        List<DataMap> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node.isObject()) {
                out.add(map(node));
            } else {
                for (JsonNode item : node) {
                    if (item.isObject()) {
                        out.add(map(item));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new ProviderException("The remote command's output is not the expected JSON: " + e.getMessage());
        }
    }

    private static DataMap map(JsonNode node) {
        DataMap m = new DataMap();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value = v.isNull() ? null : v.isBoolean() ? v.booleanValue() : v.isIntegralNumber() ? v.longValue()
                    : v.isNumber() ? v.doubleValue() : v.isTextual() ? v.textValue() : v.toString();
            m.put(e.getKey(), value);
        }
        return m;
    }

    /** PowerShell error text: CLIXML noise removed, whitespace trimmed. */
    static String clean(String stderr) {
        String s = stderr.trim();
        if (s.startsWith("#< CLIXML")) {
            StringBuilder b = new StringBuilder();
            var m = Pattern.compile("<S S=\"Error\">(.*?)</S>", Pattern.DOTALL).matcher(s);
            while (m.find()) {
                b.append(m.group(1).replace("_x000D_", "").replace("_x000A_", " "));
            }
            s = b.toString().trim();
        }
        return s.replaceAll("\\s+", " ").trim();
    }

    /** Sends {@code action} to the cmd shell resource of {@code shell} (no shell id yet for {@code Create}). */
    private Document post(Shell shell, String action, String extraHeader, String body) {
        return wsMan.post(shell.endpoint, shell.authorization, shell.user,
                wsMan.header(shell.endpoint, CMD_SHELL_URI, action, shell.shellId, extraHeader), body);
    }
}
