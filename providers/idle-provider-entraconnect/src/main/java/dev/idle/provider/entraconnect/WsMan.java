package dev.idle.provider.entraconnect;

import dev.idle.provider.support.http.FailureClassifier;
import dev.idle.provider.support.http.HttpAnswer;
import dev.idle.provider.support.http.HttpCaller;
import dev.idle.spi.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The WS-Management side of {@link WinRmClient}: builds SOAP envelopes (WS-Addressing header, {@code OperationTimeout},
 * shell selector), posts them to a WinRM listener through the provider toolkit's {@link HttpCaller} with HTTP Basic
 * authentication, and reads the answer as a namespace-aware DOM (no DTDs, no external entities).
 *
 * <p>How it fails, always as a {@link ProviderException}: classified by {@link FailureClassifier#UNREACHABLE_ONLY}, so
 * only a listener that could not be reached or did not answer in time is transient (the engine may retry the step);
 * HTTP 401, WS-Man faults, other statuses, a dropped connection and TLS failures are permanent. The WS-Man
 * {@code TimedOut} fault of a {@code Receive} that saw no output in time is not a failure: it is thrown as
 * {@link OperationTimedOut} for the caller to ask again. Messages name the endpoint and, for 401, the user; never the
 * password or the {@code Authorization} header.
 *
 * <p>Thread-safe (one {@link HttpCaller} over one JDK {@link HttpClient}).
 */
final class WsMan {
    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String CMD_SHELL_URI = SHELL + "/cmd";
    /** The {@code WSManFault} code of an operation that timed out (as the {@code w:TimedOut} subcode). */
    private static final String TIMED_OUT_CODE = "2150858793";

    private final HttpCaller http;
    private final Duration operationTimeout;
    private final Duration httpTimeout;

    /**
     * @param client           the provider's one HTTP client (TLS context and connect timeout set)
     * @param operationTimeout the {@code OperationTimeout} sent with every request
     * @param httpTimeout      how long one HTTP request may take (longer than {@code operationTimeout})
     */
    WsMan(HttpClient client, Duration operationTimeout, Duration httpTimeout) {
        this.http = HttpCaller.builder(client, "WinRM").classifier(FailureClassifier.UNREACHABLE_ONLY)
                .noAnswerWording(this::noAnswer).build();
        this.operationTimeout = operationTimeout;
        this.httpTimeout = httpTimeout;
    }

    /** The answer was the WS-Man TimedOut fault (a Receive that saw no output in time). */
    static final class OperationTimedOut extends RuntimeException {
        OperationTimedOut() {
            super("operation timed out", null, false, false);
        }
    }

    /** The SOAP header of one request: addressing, the resource, {@code action}, shell selector, {@code extra}. */
    String header(URI endpoint, String resourceUri, String action, String shellId, String extra) {
        return "<a:To>" + escape(endpoint.toString()) + "</a:To>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + resourceUri + "</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">153600</w:MaxEnvelopeSize>"
                + "<a:MessageID>uuid:" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "</a:MessageID>"
                + "<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>"
                + "<w:OperationTimeout>PT" + operationTimeout.toSeconds() + ".000S</w:OperationTimeout>"
                + (shellId == null ? "" : "<w:SelectorSet><w:Selector Name=\"ShellId\">" + escape(shellId)
                        + "</w:Selector></w:SelectorSet>")
                + extra;
    }

    /**
     * Posts one envelope and returns the answer of a 200.
     *
     * @param authorization the {@code Authorization} header value
     * @param user          the user name, for the message of a 401
     * @throws OperationTimedOut for the WS-Man {@code TimedOut} fault
     * @throws ProviderException for every other failure (see the class comment)
     */
    Document post(URI endpoint, String authorization, String user, String header, String body) {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + SOAP + "\" xmlns:a=\"" + ADDRESSING + "\" xmlns:w=\"" + WSMAN
                + "\" xmlns:rsp=\"" + SHELL + "\"><s:Header>" + header + "</s:Header><s:Body>" + body
                + "</s:Body></s:Envelope>";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(httpTimeout)
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        HttpAnswer answer = http.send(request);
        int status = answer.status();
        if (status == 401) {
            throw failure(answer, "Access is denied. The WinRM service at " + endpoint + " rejected the "
                    + "credentials of '" + user + "' (HTTP 401 Unauthorized; Basic authentication).");
        }
        Document doc = answer.body().length == 0 ? null : parseXml(answer, endpoint);
        if (status == 200) {
            if (doc == null) {
                throw failure(answer, "The WinRM service at " + endpoint + " answered without a body.");
            }
            return doc;
        }
        if (doc != null && first(doc, SOAP, "Fault") != null) {
            throw fault(answer, doc, endpoint);
        }
        throw failure(answer, "The WinRM service at " + endpoint + " answered HTTP " + status + ".");
    }

    /** The failure a SOAP fault stands for; {@link OperationTimedOut} for the TimedOut fault. */
    private RuntimeException fault(HttpAnswer answer, Document doc, URI endpoint) {
        String subcode = null;
        Element sub = first(doc, SOAP, "Subcode");
        if (sub != null) {
            subcode = text(sub, SOAP, "Value");
        }
        Element wsmanFault = first(doc, WSMAN_FAULT, "WSManFault");
        if ((subcode != null && subcode.endsWith(":TimedOut"))
                || (wsmanFault != null && TIMED_OUT_CODE.equals(wsmanFault.getAttribute("Code")))) {
            return new OperationTimedOut();
        }
        String message = wsmanFault != null ? text(wsmanFault, WSMAN_FAULT, "Message") : null;
        if (message == null || message.isEmpty()) {
            message = text(doc, SOAP, "Text");
        }
        return failure(answer, "WinRM fault" + (subcode == null ? "" : " (" + subcode + ")") + " from "
                + endpoint + ": " + (message == null ? "(no message)" : message.replaceAll("\\s+", " ")));
    }

    private ProviderException failure(HttpAnswer answer, String message) {
        return http.verdict(answer).toException(message);
    }

    /** The messages of calls that got no answer, as users of this provider have always read them. */
    private String noAnswer(String subject, HttpRequest request, Exception failure, String detail) {
        URI endpoint = request.uri();
        if (failure instanceof HttpConnectTimeoutException) {
            return "Connecting to the WinRM service at " + endpoint + " timed out.";
        }
        if (failure instanceof HttpTimeoutException) {
            return "The WinRM service at " + endpoint + " did not answer within " + httpTimeout.toSeconds()
                    + " seconds.";
        }
        if (failure instanceof ConnectException) {
            return "Cannot connect to the WinRM service at " + endpoint + " (connection refused or unreachable).";
        }
        if (failure instanceof SSLException) {
            return "TLS with the WinRM service at " + endpoint + " failed: " + detail + ". Is the listener's "
                    + "certificate trusted (option trustStore) and issued for this host name?";
        }
        if (failure instanceof InterruptedException) {
            return "Interrupted while talking to the WinRM service at " + endpoint + ".";
        }
        return "The WinRM request to " + endpoint + " failed: " + detail;
    }

    private Document parseXml(HttpAnswer answer, URI endpoint) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(answer.body()));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw failure(answer, "The WinRM service at " + endpoint + " answered HTTP " + answer.status()
                    + " with a body that is not XML.");
        }
    }

    // ------------------------------------------------------------------ DOM helpers

    /** Every element named {@code ns}:{@code local} below {@code root} (a document or an element). */
    static List<Element> all(Object root, String ns, String local) {
        NodeList list = root instanceof Document d ? d.getElementsByTagNameNS(ns, local)
                : ((Element) root).getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static Element first(Object root, String ns, String local) {
        List<Element> l = all(root, ns, local);
        return l.isEmpty() ? null : l.get(0);
    }

    /** The trimmed text of the first such element, or null. */
    static String text(Object root, String ns, String local) {
        Element e = first(root, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    /** {@code s} escaped for XML text and attribute values. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
