package dev.idle.winrmsim;

import static dev.idle.winrmsim.Soap.ADDRESSING;
import static dev.idle.winrmsim.Soap.CMD_SHELL_URI;
import static dev.idle.winrmsim.Soap.SHELL;
import static dev.idle.winrmsim.Soap.SOAP;
import static dev.idle.winrmsim.Soap.TRANSFER;
import static dev.idle.winrmsim.Soap.WSMAN;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A bare WS-Management client for the tests: builds the SOAP 1.2 envelopes a WinRM client sends, over the JDK client.
 * The namespaces are the simulator's own ({@link Soap}); the provider's real client checks them against WinRM.
 */
final class WsManClient {

    /** One answer: status, headers, body, the MessageID the request carried and the parsed body (null if empty). */
    record Answer(HttpResponse<String> response, String messageId, Document doc) {
        int status() {
            return response.statusCode();
        }

        String text(String ns, String local) {
            Element e = first(ns, local);
            return e == null ? null : e.getTextContent().trim();
        }

        Element first(String ns, String local) {
            NodeList l = doc.getElementsByTagNameNS(ns, local);
            return l.getLength() == 0 ? null : (Element) l.item(0);
        }

        NodeList all(String ns, String local) {
            return doc.getElementsByTagNameNS(ns, local);
        }
    }

    private final HttpClient http;
    private final URI endpoint;
    private String authorization;

    WsManClient(SSLContext trust, URI endpoint) {
        this.http = HttpClient.newBuilder().sslContext(trust).build();
        this.endpoint = endpoint;
    }

    WsManClient as(String user, String password) {
        authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Answer create() throws Exception {
        return send(TRANSFER + "/Create", CMD_SHELL_URI, null, "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams>"
                + "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>");
    }

    /** Runs {@code script} as the Entra Connect provider does: {@code powershell.exe ... -EncodedCommand}. */
    Answer command(String shellId, String script) throws Exception {
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        return send(SHELL + "/Command", CMD_SHELL_URI, shellId, "<rsp:CommandLine><rsp:Command>powershell.exe</rsp:Command>"
                + "<rsp:Arguments>-NoProfile -NonInteractive -EncodedCommand " + encoded
                + "</rsp:Arguments></rsp:CommandLine>");
    }

    Answer receive(String shellId, String commandId) throws Exception {
        return send(SHELL + "/Receive", CMD_SHELL_URI, shellId, "<rsp:Receive><rsp:DesiredStream CommandId=\"" + commandId
                + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>");
    }

    Answer delete(String shellId) throws Exception {
        return send(TRANSFER + "/Delete", CMD_SHELL_URI, shellId, "");
    }

    Answer send(String action, String resourceUri, String shellId, String body) throws Exception {
        String messageId = "uuid:" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP + "\" xmlns:a=\""
                + ADDRESSING + "\" xmlns:w=\"" + WSMAN + "\" xmlns:rsp=\"" + SHELL + "\"><s:Header><a:To>" + endpoint
                + "</a:To><w:ResourceURI s:mustUnderstand=\"true\">" + resourceUri + "</w:ResourceURI>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action><a:MessageID>" + messageId
                + "</a:MessageID>" + (shellId == null ? "" : "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId
                + "</w:Selector></w:SelectorSet>") + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
        return post(envelope, messageId);
    }

    Answer post(String envelope, String messageId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Document doc = null;
        if (!r.body().isEmpty()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        }
        return new Answer(r, messageId, doc);
    }
}
