package dev.idle.provider.keycloak.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.provider.keycloak.KeycloakProviderFactory;
import dev.idle.spi.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import dev.idle.testkit.TestEnvironment;

/**
 * JUnit extension: one real Keycloak per test run, shared by every test class that uses it, stopped when the run
 * ends. It also sets up the test realm {@value #REALM} once:
 * <ul>
 *   <li>the user profile's unmanaged attribute policy is {@code ENABLED} (custom attributes);</li>
 *   <li>confidential client {@value #ENGINE_CLIENT} with a service account holding exactly the realm-management
 *       roles the provider documents ({@link #ENGINE_ROLES});</li>
 *   <li>public client {@value #LOGIN_CLIENT} with direct access grants, for the test users' logins.</li>
 * </ul>
 * When the distribution is missing or the server does not start, the test classes are skipped with the reason —
 * or fail, when the system property {@code idle.requireKeycloak} or the environment variable
 * {@code IDLE_REQUIRE_KEYCLOAK} is {@code true} (set by {@code .ci/run}).
 */
public final class RealKeycloak implements BeforeAllCallback {
    static final String REALM = "acme";
    static final String ENGINE_CLIENT = "idle-engine";
    static final String LOGIN_CLIENT = "idle-login";
    static final List<String> ENGINE_ROLES = List.of("view-users", "query-users", "manage-users", "query-groups",
            "view-realm");
    static final String PASSWORD = "Corr3ct-Horse-Battery";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealKeycloak.class);
    private static volatile Fixture fixture;

    @Override
    public void beforeAll(ExtensionContext context) {
        Fixture f = shared(context);
        if (f.server == null) {
            if (required()) {
                fail("Keycloak is required (idle.requireKeycloak / IDLE_REQUIRE_KEYCLOAK) but could not be started: "
                        + f.reason);
            }
            assumeTrue(false, "Keycloak not available: " + f.reason);
        }
        fixture = f;
    }

    /**
     * The run's one fixture, started by the first caller; its {@code server} is null (and {@code reason} says why)
     * when Keycloak could not be started. For a test that runs with or without Keycloak.
     */
    static Fixture shared(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("fixture", k -> Fixture.start(), Fixture.class);
    }

    /** CI sets {@code IDLE_REQUIRE_KEYCLOAK=true} (or {@code -Didle.requireKeycloak=true}): no skipping there. */
    static boolean required() {
        return Boolean.getBoolean("idle.requireKeycloak") || "true".equalsIgnoreCase(System.getenv("IDLE_REQUIRE_KEYCLOAK"));
    }

    static Fixture fixture() {
        return fixture;
    }

    /** The shared server and realm; closed by JUnit at the end of the run. */
    static final class Fixture implements ExtensionContext.Store.CloseableResource {
        final KeycloakServer server;
        final String reason;
        final String engineSecret;
        final Path secretFile;

        private Fixture(KeycloakServer server, String reason, String engineSecret, Path secretFile) {
            this.server = server;
            this.reason = reason;
            this.engineSecret = engineSecret;
            this.secretFile = secretFile;
        }

        static Fixture start() {
            String home = System.getProperty("idle.keycloak.home");
            if (home == null) {
                return new Fixture(null, "system property idle.keycloak.home is not set (run the tests through Maven)",
                        null, null);
            }
            Path target = Path.of(home).toAbsolutePath().getParent().getParent();
            KeycloakServer server = null;
            try {
                server = KeycloakServer.start(Path.of(home),
                        target.resolve("keycloak-run"),
                        Duration.ofSeconds(Long.getLong("idle.keycloak.startTimeoutSeconds", 420)));
                System.out.printf("[keycloak] started at %s in %.1f s (log %s)%n", server.baseUrl(),
                        server.startup().toMillis() / 1000.0, server.log());
                KeycloakServer s = server;
                Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
                String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
                setUpRealm(server, REALM, secret);
                Path secretFile = target.resolve("keycloak-run/engine-client-secret.txt");
                Files.writeString(secretFile, secret + "\n", StandardCharsets.UTF_8);
                return new Fixture(server, null, secret, secretFile);
            } catch (IOException | RuntimeException e) {
                if (server != null) {
                    server.stop();
                }
                return new Fixture(null, e.getMessage(), null, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Fixture(null, "interrupted", null, null);
            }
        }

        @Override
        public void close() {
            if (server != null) {
                server.stop();
            }
        }

        /** Creates {@code realmName} with the engine client (secret {@code engineSecret}) and the login client. */
        static void setUpRealm(KeycloakServer kc, String realmName, String engineSecret) {
            ObjectNode realm = KeycloakServer.JSON.createObjectNode().put("realm", realmName).put("enabled", true);
            kc.admin("POST", "", realm);
            JsonNode profile = kc.admin("GET", realmName + "/users/profile", null);
            ((ObjectNode) profile).put("unmanagedAttributePolicy", "ENABLED");
            kc.admin("PUT", realmName + "/users/profile", profile);

            ObjectNode engine = KeycloakServer.JSON.createObjectNode().put("clientId", ENGINE_CLIENT)
                    .put("publicClient", false).put("serviceAccountsEnabled", true).put("standardFlowEnabled", false)
                    .put("directAccessGrantsEnabled", false).put("clientAuthenticatorType", "client-secret")
                    .put("secret", engineSecret);
            kc.admin("POST", realmName + "/clients", engine);
            String engineUuid = clientUuid(kc, realmName, ENGINE_CLIENT);
            String serviceUser = kc.admin("GET", realmName + "/clients/" + engineUuid + "/service-account-user", null)
                    .path("id").asText();
            String rm = clientUuid(kc, realmName, "realm-management");
            ArrayNode roles = KeycloakServer.JSON.createArrayNode();
            for (String role : ENGINE_ROLES) {
                roles.add(kc.admin("GET", realmName + "/clients/" + rm + "/roles/" + role, null));
            }
            kc.admin("POST", realmName + "/users/" + serviceUser + "/role-mappings/clients/" + rm, roles);

            ObjectNode login = KeycloakServer.JSON.createObjectNode().put("clientId", LOGIN_CLIENT)
                    .put("publicClient", true).put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
            kc.admin("POST", realmName + "/clients", login);
        }

        private static String clientUuid(KeycloakServer kc, String realm, String clientId) {
            return kc.admin("GET", realm + "/clients?clientId=" + clientId, null).get(0).path("id").asText();
        }

        // --------------------------------------------------------- helpers for tests

        /** A provider for the test realm through the public factory, secret read from a file. */
        Provider provider(Map<String, Object> extraOptions) {
            DataMap auth = DataMap.of("type", "ClientSecret", "clientId", ENGINE_CLIENT, "file", secretFile.toString());
            DataMap options = DataMap.of("baseUrl", server.baseUrl(), "realm", REALM, "auth", auth);
            options.putAll(extraOptions);
            return new KeycloakProviderFactory().create("Identity", options, TestEnvironment.at(secretFile.getParent()));
        }

        /** Creates an enabled user with a password, names and a verified email; returns its id. */
        String createUser(String username) {
            ObjectNode u = KeycloakServer.JSON.createObjectNode().put("username", username).put("enabled", true)
                    .put("firstName", "Test").put("lastName", "User").put("email", username + "@example.test")
                    .put("emailVerified", true);
            u.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
            kc().admin("POST", REALM + "/users", u);
            return user(username).path("id").asText();
        }

        JsonNode user(String username) {
            return kc().admin("GET", REALM + "/users?exact=true&username=" + username, null).get(0);
        }

        String createGroup(String name) {
            kc().admin("POST", REALM + "/groups", KeycloakServer.JSON.createObjectNode().put("name", name));
            return kc().admin("GET", REALM + "/group-by-path/" + name, null).path("id").asText();
        }

        String createSubGroup(String parentId, String name) {
            kc().admin("POST", REALM + "/groups/" + parentId + "/children",
                    KeycloakServer.JSON.createObjectNode().put("name", name));
            return kc().admin("GET", REALM + "/groups/" + parentId + "/children?search=" + name, null).get(0)
                    .path("id").asText();
        }

        void createRealmRole(String name) {
            kc().admin("POST", REALM + "/roles", KeycloakServer.JSON.createObjectNode().put("name", name));
        }

        /** Password grant through the login client: a new session; returns the token response. */
        KeycloakServer.Token login(String username, boolean offline) {
            KeycloakServer.Token t = kc().token(REALM, Map.of("grant_type", "password", "client_id", LOGIN_CLIENT,
                    "username", username, "password", PASSWORD, "scope", offline ? "openid offline_access" : "openid"));
            if (t.status() != 200) {
                throw new IllegalStateException("login of " + username + " failed: HTTP " + t.status() + " " + t.body());
            }
            return t;
        }

        /** Uses a refresh token; HTTP 200 when Keycloak still honours it, else 400 with {@code error}. */
        KeycloakServer.Token refresh(String refreshToken) {
            return kc().token(REALM, Map.of("grant_type", "refresh_token", "client_id", LOGIN_CLIENT,
                    "refresh_token", refreshToken));
        }

        int sessionCount(String userId) {
            return kc().admin("GET", REALM + "/users/" + userId + "/sessions", null).size();
        }

        KeycloakServer kc() {
            return server;
        }
    }
}
