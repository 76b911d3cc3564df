package dev.idle.provider.keycloak.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Keycloak row of {@link BatchThroughputBench}: session revocations against a real Keycloak, by {@code idle batch}
 * with the {@code keycloak} provider (default settings: no pacing) and by a {@link PlainLoop} making the calls a
 * careful script needs for the same truthful result — {@code GET users/{id}/sessions} (how many it revoked), then
 * {@code POST users/{id}/logout} — with one client-credentials token. Each run gets fresh users with one session each
 * (a password login), in a realm of its own ({@value #REALM}) whose password hashing is cheap
 * ({@code hashIterations(1)}) so that set-up does not dominate the bench. Afterwards every user's sessions are
 * counted through the admin API: a user still signed in counts as failed. Not thread-safe.
 */
final class KeycloakThroughput {
    static final String REALM = "bench";

    /** What one run did: {@code calls} are the HTTP calls sent (token requests included). */
    record Run(Completions completions, int failed, long calls) {
        double rate() {
            return completions.sustainedRate();
        }
    }

    private final KeycloakServer kc;
    private final Path host;
    private final Path workflow;
    private final Path dir;
    private final String secret;
    private int users;
    private int runs;

    KeycloakThroughput(KeycloakServer kc, Path dir) throws IOException {
        this.kc = kc;
        this.dir = Files.createDirectories(dir);
        this.secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        RealKeycloak.Fixture.setUpRealm(kc, REALM, secret);
        ObjectNode realm = (ObjectNode) kc.admin("GET", REALM, null);
        kc.admin("PUT", REALM, realm.put("passwordPolicy", "hashIterations(1)"));
        Path secretFile = Files.writeString(dir.resolve("engine-client-secret.txt"), secret + "\n");
        this.host = Files.writeString(dir.resolve("host.yaml"), """
                providers:
                  Identity:
                    type: keycloak
                    baseUrl: %s
                    realm: %s
                    auth: { type: ClientSecret, clientId: %s, file: '%s' }
                """.formatted(kc.baseUrl(), REALM, RealKeycloak.ENGINE_CLIENT,
                secretFile.toAbsolutePath().toString().replace('\\', '/')));
        this.workflow = IdleBatchRun.revokeWorkflow(dir.resolve("revoke.psd1"));
    }

    /** {@code n} new users, each signed in once (one session); their ids. Made on 4 threads. */
    List<String> users(int n) throws InterruptedException {
        int first = users;
        users += n;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String username = "leaver" + (first + i);
                ids.add(pool.submit(() -> signedInUser(username)));
            }
            List<String> out = new ArrayList<>(n);
            for (Future<String> f : ids) {
                out.add(f.get());
            }
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not set up the bench users: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private String signedInUser(String username) {
        ObjectNode u = KeycloakServer.JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("firstName", "Bench").put("lastName", "Leaver").put("email", username + "@example.test")
                .put("emailVerified", true);
        u.putArray("credentials").addObject().put("type", "password").put("value", RealKeycloak.PASSWORD)
                .put("temporary", false);
        HttpResponse<String> created = kc.adminRaw("POST", REALM + "/users", u);
        String location = created.headers().firstValue("Location").orElse(null);
        if (created.statusCode() != 201 || location == null) {
            throw new IllegalStateException("create user " + username + ": HTTP " + created.statusCode());
        }
        KeycloakServer.Token t = kc.token(REALM, Map.of("grant_type", "password", "client_id",
                RealKeycloak.LOGIN_CLIENT, "username", username, "password", RealKeycloak.PASSWORD, "scope", "openid"));
        if (t.status() != 200) {
            throw new IllegalStateException("login of " + username + ": HTTP " + t.status());
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** {@code idle batch} over {@code ids}. */
    Run idleBatch(List<String> ids, int concurrency) throws IOException {
        Path requests = IdleBatchRun.requests(dir.resolve("requests-" + (runs++) + ".jsonl"), ids);
        IdleBatchRun run = IdleBatchRun.run(workflow, host, requests, concurrency);
        if (run.exit() != 0 && run.completions().count() == 0) {
            throw new IllegalStateException("idle batch exited " + run.exit() + ": " + run.stderr());
        }
        int missing = ids.size() - run.statuses().values().stream().mapToInt(Integer::intValue).sum();
        return new Run(run.completions(), Math.max(run.notCompleted() + missing, stillSignedIn(ids)), run.calls());
    }

    /** The plain list-then-logout loop over {@code ids}. */
    Run plainLoop(List<String> ids, int concurrency) throws InterruptedException {
        KeycloakServer.Token t = kc.token(REALM, Map.of("grant_type", "client_credentials", "client_id",
                RealKeycloak.ENGINE_CLIENT, "client_secret", secret));
        if (t.status() != 200) {
            throw new IllegalStateException("engine client token: HTTP " + t.status());
        }
        PlainLoop loop = new PlainLoop(null, URI.create(kc.baseUrl()), t.body().path("access_token").asText());
        String users = kc.baseUrl() + "/admin/realms/" + REALM + "/users/";
        PlainLoop.Outcome o = loop.run(ids, concurrency, id -> {
            loop.send("GET", URI.create(users + id + "/sessions"));
            loop.send("POST", URI.create(users + id + "/logout"));
        });
        return new Run(o.completions(), Math.max(o.failed(), stillSignedIn(ids)), o.calls() + 1);
    }

    private int stillSignedIn(List<String> ids) {
        int n = 0;
        for (String id : ids) {
            if (kc.admin("GET", REALM + "/users/" + id + "/sessions", null).size() > 0) {
                n++;
            }
        }
        return n;
    }
}
