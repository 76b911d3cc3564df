package dev.idle.simsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The HTTP plumbing every JSON API simulator repeats: a loopback server on an ephemeral port, reading the request,
 * decoding the query, and writing a JSON answer. The simulators keep their API: routes, error bodies, faults.
 */
public final class SimulatorHttp {
    private SimulatorHttp() {
    }

    /**
     * Starts a plain-HTTP server on 127.0.0.1 at an ephemeral port, handling every path with {@code handler} on
     * four daemon threads named {@code threadName} (daemon, so a forgotten simulator never keeps a test JVM alive).
     */
    public static HttpServer startLoopback(String threadName, HttpHandler handler) throws IOException {
        return SimulatorServers.http(0, handler, Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
    }

    /** The whole request body. */
    public static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** The decoded query parameters in order (the last of repeated names wins); empty without a query. */
    public static Map<String, String> query(String rawQuery) {
        Map<String, String> q = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    /** The body as JSON, or null when it is empty or not JSON (the route then answers as the real API would). */
    public static JsonNode parseJson(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Sends {@code status} with {@code body} as JSON of {@code contentType}, or with no body when it is null, and
     * closes the exchange.
     */
    public static void sendJson(HttpExchange ex, int status, JsonNode body, String contentType, ObjectMapper json)
            throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = json.writeValueAsBytes(body);
            ex.getResponseHeaders().add("Content-Type", contentType);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
