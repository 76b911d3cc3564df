package dev.idle.simsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimulatorHttpTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void queryIsDecodedInOrder() {
        assertThat(SimulatorHttp.query(null)).isEmpty();
        assertThat(SimulatorHttp.query("a=1&b=x%20y&flag&c=%2B")).containsExactly(
                java.util.Map.entry("a", "1"), java.util.Map.entry("b", "x y"), java.util.Map.entry("flag", ""),
                java.util.Map.entry("c", "+"));
    }

    @Test
    void bodiesThatAreNotJsonParseToNull() {
        assertThat(SimulatorHttp.parseJson(json, new byte[0])).isNull();
        assertThat(SimulatorHttp.parseJson(json, "nope{".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SimulatorHttp.parseJson(json, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)).path("a").asInt())
                .isEqualTo(2);
    }

    @Test
    void loopbackServerAnswersJsonAndEmptyBodies() throws Exception {
        HttpServer server = SimulatorHttp.startLoopback("sim-test", ex -> {
            byte[] body = SimulatorHttp.readBody(ex);
            SimulatorHttp.sendJson(ex, body.length == 0 ? 204 : 200,
                    body.length == 0 ? null : json.createObjectNode().put("echo", new String(body,
                            StandardCharsets.UTF_8)), "application/json", json);
        });
        try {
            assertThat(server.getAddress().getAddress().isLoopbackAddress()).isTrue();
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json.readTree(r.body()).path("echo").asText()).isEqualTo("hi");
            HttpResponse<String> empty = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(empty.statusCode()).isEqualTo(204);
        } finally {
            server.stop(0);
        }
    }
}
