package dev.idle.winrmsim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** XML helpers for the SOAP envelopes the simulator reads and writes. */
final class Soap {
    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    static final String ACTION_CREATE = TRANSFER + "/Create";
    static final String ACTION_DELETE = TRANSFER + "/Delete";
    static final String ACTION_COMMAND = SHELL + "/Command";
    static final String ACTION_RECEIVE = SHELL + "/Receive";
    static final String ACTION_SIGNAL = SHELL + "/Signal";
    static final String CMD_SHELL_URI = SHELL + "/cmd";
    static final String STATE_DONE = SHELL + "/CommandState/Done";
    static final String STATE_RUNNING = SHELL + "/CommandState/Running";

    private Soap() {
    }

    /** Parses without DTDs or external entities. */
    static Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a well-formed SOAP envelope: " + e.getMessage(), e);
        }
    }

    /** The first descendant of {@code root} with that namespace and local name, or null. */
    static Element first(Node root, String ns, String local) {
        List<Element> all = all(root, ns, local);
        return all.isEmpty() ? null : all.get(0);
    }

    static List<Element> all(Node root, String ns, String local) {
        List<Element> out = new ArrayList<>();
        var list = root instanceof Document d ? d.getElementsByTagNameNS(ns, local)
                : ((Element) root).getElementsByTagNameNS(ns, local);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static String text(Node root, String ns, String local) {
        Element e = first(root, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    /** The value of {@code <w:Selector Name="...">} in the header, or null. */
    static String selector(Document doc, String name) {
        for (Element e : all(doc, WSMAN, "Selector")) {
            if (name.equals(e.getAttribute("Name"))) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A response envelope with the given action, the request's MessageID as RelatesTo, and a body. */
    static String envelope(String action, String relatesTo, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"" + SOAP + "\" xmlns:a=\"" + ADDRESSING + "\" xmlns:x=\""
                + TRANSFER + "\" xmlns:w=\"" + WSMAN + "\" xmlns:rsp=\"" + SHELL + "\">"
                + "<s:Header><a:Action>" + escape(action) + "</a:Action>"
                + "<a:MessageID>uuid:" + java.util.UUID.randomUUID().toString().toUpperCase() + "</a:MessageID>"
                + "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + (relatesTo == null ? "" : "<a:RelatesTo>" + escape(relatesTo) + "</a:RelatesTo>")
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    /** A SOAP 1.2 fault in WinRM's shape, with the WSManFault detail. */
    static String fault(String relatesTo, String code, String subcode, long wsmanCode, String machine, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"" + SOAP + "\" xmlns:a=\"" + ADDRESSING + "\" xmlns:w=\""
                + WSMAN + "\" xmlns:e=\"http://schemas.xmlsoap.org/ws/2004/08/eventing\">"
                + "<s:Header><a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>"
                + "<a:MessageID>uuid:" + java.util.UUID.randomUUID().toString().toUpperCase() + "</a:MessageID>"
                + (relatesTo == null ? "" : "<a:RelatesTo>" + escape(relatesTo) + "</a:RelatesTo>")
                + "</s:Header><s:Body><s:Fault><s:Code><s:Value>" + code + "</s:Value><s:Subcode><s:Value>"
                + subcode + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">" + escape(message)
                + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"" + WSMAN_FAULT + "\" Code=\"" + wsmanCode
                + "\" Machine=\"" + escape(machine) + "\"><f:Message>" + escape(message)
                + "</f:Message></f:WSManFault></s:Detail></s:Fault></s:Body></s:Envelope>";
    }
}
