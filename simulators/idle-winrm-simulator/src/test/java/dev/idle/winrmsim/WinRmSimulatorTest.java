package dev.idle.winrmsim;

import static dev.idle.winrmsim.Soap.ADDRESSING;
import static dev.idle.winrmsim.Soap.CMD_SHELL_URI;
import static dev.idle.winrmsim.Soap.SHELL;
import static dev.idle.winrmsim.Soap.SOAP;
import static dev.idle.winrmsim.Soap.TRANSFER;
import static dev.idle.winrmsim.Soap.WSMAN;
import static dev.idle.winrmsim.Soap.WSMAN_FAULT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.simsupport.SimulatorServers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The WS-Management (WinRM) behaviour the simulator copies: SOAP 1.2 envelopes with WS-Addressing ({@code Action},
 * {@code RelatesTo} the request's {@code MessageID}), the Windows Remote Shell lifecycle (Create, Command, Receive
 * until {@code CommandState/Done} with {@code ExitCode}, Delete), SOAP faults with a {@code WSManFault} detail, and
 * the 401 with {@code Negotiate} and {@code Basic realm="WSMAN"} challenges for bad credentials.
 */
class WinRmSimulatorTest {
    private static final String OPERATOR = "CONTOSO\\svc-adsync";
    private static final String PASSWORD = "operator-password-1";
    private static final String SCHEDULER = "$IdleArgs = @()\r\n$IdleOut = @(& { Get-ADSyncScheduler } @IdleArgs)";

    @TempDir
    Path tmp;
    private WinRmSimulator sim;
    private WsManClient client;

    @BeforeEach
    void start() {
        System.clearProperty(SimulatorServers.NODELAY_PROPERTY);
        sim = WinRmSimulator.builder().user(OPERATOR, PASSWORD).nonOperatorUser("viewer", "viewer-password-2")
                .maxShellsPerUser(2).cyclePolls(0).workDirectory(tmp.resolve("winrm")).build().start();
        client = new WsManClient(sim.clientSslContext(), sim.endpoint()).as(OPERATOR, PASSWORD);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Asserts a SOAP 1.2 fault in WinRM's shape and returns it. */
    private static void assertFault(WsManClient.Answer a, int status, String code, String subcode, long wsmanCode) {
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.text(ADDRESSING, "Action")).isEqualTo("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault");
        NodeList values = a.all(SOAP, "Value");
        assertThat(values.item(0).getTextContent()).isEqualTo(code);
        assertThat(values.item(1).getTextContent()).isEqualTo(subcode);
        assertThat(a.text(SOAP, "Text")).isNotBlank();
        Element detail = a.first(WSMAN_FAULT, "WSManFault");
        assertThat(detail.getAttribute("Code")).isEqualTo(String.valueOf(wsmanCode));
        assertThat(detail.getAttribute("Machine")).isEqualTo(WinRmSimulator.MACHINE);
        assertThat(a.text(WSMAN_FAULT, "Message")).isEqualTo(a.text(SOAP, "Text"));
    }

    /** Receives until {@code CommandState/Done}; returns {stdout, stderr, exit code, rounds}. */
    private String[] receiveAll(String shellId, String commandId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (int round = 1; round <= 10; round++) {
            WsManClient.Answer r = client.receive(shellId, commandId);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text(ADDRESSING, "Action")).isEqualTo(SHELL + "/ReceiveResponse");
            NodeList streams = r.all(SHELL, "Stream");
            for (int i = 0; i < streams.getLength(); i++) {
                Element s = (Element) streams.item(i);
                assertThat(s.getAttribute("CommandId")).isEqualTo(commandId);
                byte[] data = Base64.getDecoder().decode(s.getTextContent().trim());
                (s.getAttribute("Name").equals("stdout") ? out : err).writeBytes(data);
            }
            Element state = r.first(SHELL, "CommandState");
            if (state.getAttribute("State").equals(SHELL + "/CommandState/Done")) {
                return new String[] {out.toString(), err.toString(), r.text(SHELL, "ExitCode"), String.valueOf(round)};
            }
            assertThat(state.getAttribute("State")).isEqualTo(SHELL + "/CommandState/Running");
        }
        throw new AssertionError("the command never reached CommandState/Done");
    }

    @Test
    void simulatorStartsWithTcpNoDelayTurnedOn() {
        assertThat(System.getProperty(SimulatorServers.NODELAY_PROPERTY)).isEqualTo("true");
    }

    @Test
    void badOrMissingCredentialsAre401WithNegotiateAndBasicChallengesAndNoBody() throws Exception {
        for (String password : new String[] {"wrong", null}) {
            WsManClient.Answer a = client.as(password == null ? null : OPERATOR, password).create();
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.response().headers().allValues("WWW-Authenticate"))
                    .containsExactlyInAnyOrder("Negotiate", "Basic realm=\"WSMAN\"");
            assertThat(a.response().body()).isEmpty();
        }
        assertThat(sim.openShells()).isZero();
        assertThat(sim.requests()).extracting(RequestRecord::line)
                .containsExactly("401 authentication failed user=" + OPERATOR, "401 authentication failed")
                .allSatisfy(line -> assertThat(line).doesNotContain("wrong").doesNotContain(PASSWORD));
    }

    @Test
    void createAnswersTheShellIdInASoapEnvelopeRelatedToTheRequest() throws Exception {
        WsManClient.Answer a = client.create();
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.response().headers().firstValue("Content-Type")).hasValue("application/soap+xml;charset=UTF-8");
        assertThat(a.doc().getDocumentElement().getNamespaceURI()).isEqualTo(SOAP);
        assertThat(a.doc().getDocumentElement().getLocalName()).isEqualTo("Envelope");
        assertThat(a.text(ADDRESSING, "Action")).isEqualTo(TRANSFER + "/CreateResponse");
        assertThat(a.text(ADDRESSING, "RelatesTo")).isEqualTo(a.messageId());
        String shellId = a.text(SHELL, "ShellId");
        assertThat(shellId).isNotBlank();
        Element selector = a.first(WSMAN, "Selector");
        assertThat(selector.getAttribute("Name")).isEqualTo("ShellId");
        assertThat(selector.getTextContent()).isEqualTo(shellId);
        assertThat(a.text(ADDRESSING, "Address")).isEqualTo(sim.endpoint().toString());
        assertThat(sim.openShells()).isEqualTo(1);
    }

    @Test
    void aCommandsOutputArrivesOverReceiveRoundsUntilDoneWithItsExitCode() throws Exception {
        String shellId = client.create().text(SHELL, "ShellId");
        WsManClient.Answer started = client.command(shellId, SCHEDULER);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.text(ADDRESSING, "Action")).isEqualTo(SHELL + "/CommandResponse");
        assertThat(started.text(ADDRESSING, "RelatesTo")).isEqualTo(started.messageId());
        String commandId = started.text(SHELL, "CommandId");
        String[] result = receiveAll(shellId, commandId);
        assertThat(result[2]).isEqualTo("0");
        assertThat(Integer.parseInt(result[3])).as("rounds").isGreaterThan(1);
        assertThat(result[1]).isEmpty();
        JsonNode rows = new ObjectMapper().readTree(result[0]);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.path("SyncCycleEnabled").asBoolean()).isTrue();
            assertThat(row.path("SyncCycleInProgress").isBoolean()).isTrue();
        });
        assertThat(client.delete(shellId).text(ADDRESSING, "Action")).isEqualTo(TRANSFER + "/DeleteResponse");
        assertThat(sim.openShells()).isZero();
    }

    @Test
    void aCmdletTheAccountMayNotRunWritesStderrAndExitsOne() throws Exception {
        client.as("viewer", "viewer-password-2");
        String shellId = client.create().text(SHELL, "ShellId");
        String commandId = client.command(shellId, "$IdleArgs = @('Delta')\r\nStart-ADSyncSyncCycle")
                .text(SHELL, "CommandId");
        String[] result = receiveAll(shellId, commandId);
        assertThat(result[2]).isEqualTo("1");
        assertThat(result[0]).isEmpty();
        assertThat(result[1]).contains("Access is denied");
        assertThat(sim.entraConnect().startedCycles()).isEmpty();
    }

    @Test
    void anUnknownOrDeletedShellIsAnInvalidSelectorsFault() throws Exception {
        String shellId = client.create().text(SHELL, "ShellId");
        client.delete(shellId);
        WsManClient.Answer a = client.command(shellId, SCHEDULER);
        assertFault(a, 500, "s:Sender", "w:InvalidSelectors", 2150858843L);
        assertThat(a.text(ADDRESSING, "RelatesTo")).isEqualTo(a.messageId());
    }

    @Test
    void shellsBeyondMaxShellsPerUserAreAQuotaLimitFault() throws Exception {
        client.create();
        client.create();
        assertFault(client.create(), 500, "s:Receiver", "w:QuotaLimit", 2150859174L);
        assertThat(sim.openShells()).isEqualTo(2);
    }

    @Test
    void aMalformedEnvelopeIsASchemaValidationErrorAndAnUnknownActionIsNotSupported() throws Exception {
        assertFault(client.post("<s:Envelope", null), 400, "s:Sender", "w:SchemaValidationError", 2150858817L);
        assertFault(client.send("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", CMD_SHELL_URI, null,
                ""), 500, "s:Sender", "a:ActionNotSupported", 2150858774L);
    }

    @Test
    void injectedFaultsAnswerAsAnOverloadedOrFailingService() throws Exception {
        sim.failNext(Fault.SERVICE_UNAVAILABLE, 1);
        sim.failNext(Fault.INTERNAL_ERROR, 1);
        WsManClient.Answer unavailable = client.create();
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.response().body()).isEmpty();
        assertFault(client.create(), 500, "s:Receiver", "w:InternalError", 2147943418L);
        assertThat(client.create().status()).isEqualTo(200);
    }

    @Test
    void onlyPostToWsmanIsServed() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        URI other = sim.endpoint().resolve("/other");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(other).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        List<String> lines = new ArrayList<>();
        sim.requests().forEach(x -> lines.add(x.line()));
        assertThat(lines).containsExactly("404 GET /other");
    }
}
