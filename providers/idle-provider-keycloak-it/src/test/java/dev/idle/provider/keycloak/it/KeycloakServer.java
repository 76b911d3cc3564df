package dev.idle.provider.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Keycloak server from the distribution this build unpacked into {@code target/keycloak}: started in dev mode on
 * 127.0.0.1 (free ports, fresh H2 database, bootstrap admin from the child's environment), stopped by {@link #stop}.
 * Also a thin admin client (master-realm admin token) and the token endpoint calls the tests need.
 */
final class KeycloakServer {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "idle-it-admin";

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration startup;
    private String adminToken;
    private Instant adminTokenUntil = Instant.MIN;

    private KeycloakServer(Process process, Path log, String baseUrl, String adminPassword, Duration startup) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
        this.startup = startup;
    }

    /**
     * Starts the server and waits until it answers.
     *
     * @throws IllegalStateException with the reason when it cannot be started
     */
    static KeycloakServer start(Path home, Path workDir, Duration timeout) throws IOException, InterruptedException {
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kcSh)) {
            throw new IllegalStateException("no Keycloak distribution at " + home
                    + " (the build unpacks org.keycloak:keycloak-quarkus-dist there; it was not run or was disabled)");
        }
        deleteTree(home.resolve("data"));
        Files.createDirectories(workDir);
        int port = freePort();
        int managementPort = freePort();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path log = workDir.resolve("keycloak-server.log");
        ProcessBuilder pb = new ProcessBuilder("bash", kcSh.toString(), "start-dev", "--http-host=127.0.0.1",
                "--http-port=" + port, "--http-management-port=" + managementPort, "--hostname-strict=false")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);
        env.put("JAVA_HOME", System.getProperty("idle.keycloak.javaHome", System.getProperty("java.home")));
        env.remove("JAVA_OPTS");
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        Instant started = Instant.now();
        Process p = pb.start();
        String baseUrl = "http://127.0.0.1:" + port;
        KeycloakServer server = new KeycloakServer(p, log, baseUrl, password, null);
        Instant deadline = started.plus(timeout);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + p.exitValue() + " during start-up; log "
                        + log + ":\n" + server.logTail(40));
            }
            if (server.answers()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                server.stop();
                throw new IllegalStateException("Keycloak did not answer within " + timeout.toSeconds() + " s; log "
                        + log + ":\n" + server.logTail(40));
            }
            Thread.sleep(500);
        }
        return new KeycloakServer(p, log, baseUrl, password, Duration.between(started, Instant.now()));
    }

    String baseUrl() {
        return baseUrl;
    }

    Duration startup() {
        return startup;
    }

    Path log() {
        return log;
    }

    private boolean answers() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    // ------------------------------------------------------------- admin API

    /** An admin REST call ({@code path} relative to {@code /admin/realms/}); fails the test on an error status. */
    JsonNode admin(String method, String path, Object body) {
        HttpResponse<String> r = adminRaw(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("admin " + method + " " + path + " -> HTTP " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    HttpResponse<String> adminRaw(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + adminToken());
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("admin " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized String adminToken() {
        if (adminToken == null || Instant.now().isAfter(adminTokenUntil)) {
            Token t = token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN,
                    "password", adminPassword));
            if (t.status() != 200) {
                throw new IllegalStateException("admin login failed: HTTP " + t.status() + " " + t.body());
            }
            adminToken = t.body().path("access_token").asText();
            adminTokenUntil = Instant.now().plusSeconds(Math.max(5, t.body().path("expires_in").asLong(60) - 15));
        }
        return adminToken;
    }

    /** The answer of a realm's token endpoint. */
    record Token(int status, JsonNode body) {
        String error() {
            return body.path("error").asText(null);
        }
    }

    Token token(String realm, Map<String, String> form) {
        String encoded = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm
                                    + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Token(r.statusCode(), parse(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
