package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JDK HttpClient driver for the simulator, trusting it through its generated trust store. */
final class SimClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final GraphSimulator sim;
    final HttpClient http;
    String token;

    SimClient(GraphSimulator sim) {
        this.sim = sim;
        this.http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    record Res(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Res tokenRequest(String tenant, String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&scope=" + enc("https://graph.microsoft.com/.default");
        return send(HttpRequest.newBuilder(sim.tokenEndpoint(tenant))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    SimClient login(String tenant, String clientId, String secret) {
        Res r = tokenRequest(tenant, clientId, secret);
        if (r.status() != 200) {
            throw new IllegalStateException("token request failed: " + r.raw().body());
        }
        token = r.json().get("access_token").asText();
        return this;
    }

    Res get(String pathAndQuery) {
        return call("GET", pathAndQuery, null);
    }

    Res getAbsolute(String url) {
        return send(auth(HttpRequest.newBuilder(URI.create(url))).GET().build());
    }

    Res call(String method, String pathAndQuery, Object body) {
        HttpRequest.Builder b = auth(HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + pathAndQuery)))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return send(b.build());
    }

    private HttpRequest.Builder auth(HttpRequest.Builder b) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    Res send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
