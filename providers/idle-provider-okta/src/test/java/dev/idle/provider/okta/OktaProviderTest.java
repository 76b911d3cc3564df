package dev.idle.provider.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.data.DataMap;
import dev.idle.oktasim.OktaSimulator;
import dev.idle.oktasim.RequestRecord;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.idle.testkit.TestEnvironment;

/** Okta specifics the contract suite does not cover, against the simulator. */
class OktaProviderTest {
    private OktaSimulator sim;
    private String token;
    private OktaProvider provider;

    @BeforeEach
    void setUp() {
        sim = OktaSimulator.start();
        token = sim.newApiToken();
        provider = create(DataMap.of("baseUrl", sim.baseUrl(), "auth", DataMap.of("type", "ApiToken", "env", "T")));
    }

    @AfterEach
    void tearDown() {
        sim.close();
    }

    private OktaProvider create(DataMap options) {
        Map<String, String> env = Map.of("T", token);
        return (OktaProvider) new OktaProviderFactory(env::get, Clock.systemUTC()).create("Okta", options,
                TestEnvironment.at(Path.of(".")));
    }

    @Test
    void rateLimitedAnswerIsTransientAndCarriesTheWaitUntilXRateLimitReset() {
        sim.rateLimitResetSeconds(3).throttle("GET", "/api/v1/users/.*", 1);
        sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");

        ProviderException e = catchThrowableOfType(() -> provider.getIdentity("jdoe@example.com", null),
                ProviderException.class);

        assertThat(e.isTransient()).isTrue();
        assertThat(e.minimumDelay()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(4));
        assertThat(e.getMessage()).contains("Status: 429", "E0000047", "errorId: oae").doesNotContain(token);
    }

    @Test
    void groupListingFollowsLinkHeadersAcrossPagesAndLeavesOutBuiltInGroups() {
        sim.pageSize(2);
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String gid = sim.addGroup("G" + i);
            sim.addMember(gid, uid);
            ids.add(gid);
        }
        sim.addMember(sim.addGroup("Everyone", "BUILT_IN"), uid);

        List<Entitlement> listed = provider.listEntitlements("jdoe@example.com", null);

        assertThat(listed).extracting(Entitlement::id).containsExactlyElementsOf(ids);
        assertThat(sim.requests().stream().filter(r -> r.path().endsWith("/groups"))).hasSize(3);
    }

    @Test
    void disableSuspendsAnActiveUserAndEnableUnsuspendsIt() {
        sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");

        assertThat(provider.disableIdentity("jdoe", null).extras().get("Lifecycle")).isEqualTo("suspend");
        assertThat(sim.status("jdoe@example.com")).isEqualTo("SUSPENDED");
        assertThat(provider.enableIdentity("jdoe", null).extras().get("Lifecycle")).isEqualTo("unsuspend");
        assertThat(sim.status("jdoe@example.com")).isEqualTo("ACTIVE");
    }

    @Test
    void anEmailThatIsNotTheLoginIsFoundThroughTheEmailSearch() {
        String uid = sim.addUser("jdoe", "John", "Doe", "ACTIVE");

        assertThat(provider.getIdentity("jdoe@example.com", null).attributes().get("Id")).isEqualTo(uid);
    }

    @Test
    void revokeSessionsRevokesOAuthTokensByDefaultAndNotWhenSwitchedOff() {
        String uid = sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        sim.addSession(uid);
        provider.revokeSessions("jdoe@example.com", null);
        assertThat(sim.oauthTokenCount(uid)).isZero();

        sim.addSession(uid);
        OktaProvider keepTokens = create(DataMap.of("baseUrl", sim.baseUrl(), "revokeOAuthTokens", false,
                "auth", DataMap.of("type", "ApiToken", "env", "T")));
        keepTokens.revokeSessions("jdoe@example.com", null);

        assertThat(sim.sessionCount(uid)).isZero();
        assertThat(sim.oauthTokenCount(uid)).isEqualTo(1);
        List<String> queries = sim.requests().stream().filter(r -> r.path().endsWith("/sessions"))
                .map(RequestRecord::query).toList();
        assertThat(queries).containsExactly("oauthTokens=true", "oauthTokens=false");
        assertThat(sim.acceptedRevocations(uid)).isEqualTo(2);
    }

    @Test
    void anOAuthSessionIsSentAsBearerAndOtherSessionTypesAreRefused() {
        sim.acceptAccessToken("access-123");
        sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");

        provider.getIdentity("jdoe@example.com", AuthSession.of("Okta", "OAuth", null, Secret.of("access-123")));
        assertThat(sim.requests().get(0).authScheme()).isEqualTo("Bearer");

        assertThatThrownBy(() -> provider.getIdentity("jdoe@example.com",
                AuthSession.of("Okta", "Credential", null, Secret.of("pw"))))
                .hasMessageContaining("accepts ApiToken").hasMessageNotContaining("pw");
    }

    @Test
    void aWrongTokenFailsPermanentlyWithOktasErrorAndWithoutTheToken() {
        AuthSession wrong = AuthSession.of("Okta", "ApiToken", null, Secret.of("not-the-token"));

        ProviderException e = catchThrowableOfType(() -> provider.getIdentity("x@example.com", wrong),
                ProviderException.class);

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("Status: 401", "E0000011").doesNotContain("not-the-token");
    }

    @Test
    void baseUrlMustBeHttpsExceptOnLoopbackAndInlineTokensAreRejected() {
        assertThatThrownBy(() -> create(DataMap.of("baseUrl", "http://example.okta.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> create(DataMap.of("baseUrl", "http://10.0.0.1:8080")))
                .hasMessageContaining("must be an https URL");
        assertThat(create(DataMap.of("baseUrl", "http://[::1]:1234"))).isNotNull();
        assertThat(create(DataMap.of("baseUrl", "https://example.okta.com"))).isNotNull();
        assertThatThrownBy(() -> create(DataMap.of("baseUrl", "https://example.okta.com",
                "auth", DataMap.of("type", "ApiToken", "token", "abc"))))
                .hasMessageContaining("unknown key 'token'").hasMessageNotContaining("abc");
        assertThatThrownBy(() -> create(DataMap.of("baseUrl", "https://example.okta.com", "apiToken", "abc")))
                .hasMessageContaining("unknown option 'apiToken'");
    }

    @Test
    void deleteIsRefusedWithoutAllowDelete() {
        sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");

        assertThatThrownBy(() -> provider.deleteIdentity("jdoe@example.com", null))
                .hasMessageContaining("allowDelete");
        assertThat(provider.capabilities()).doesNotContain("IdLE.Identity.Delete");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void keepEntriesNamingAGroupResolveToItsId() {
        String gid = sim.addGroup("Alumni");

        assertThat(provider.resolveEntitlement("Group", Entitlement.of("Group", "alumni"), null).id()).isEqualTo(gid);
        assertThatThrownBy(() -> provider.resolveEntitlement("Group", Entitlement.of("Group", "Nope"), null))
                .hasMessageContaining("was not found");
    }

    @Test
    void aServiceAppAuthenticatesWithPrivateKeyJwtAndItsTokenIsReused() throws java.io.IOException {
        Path key = java.nio.file.Files.createTempDirectory("okta").resolve("app.pem");
        String clientId = sim.createServiceApp(key);
        sim.addUser("jdoe@example.com", "John", "Doe", "ACTIVE");
        OktaProvider app = create(DataMap.of("baseUrl", sim.baseUrl(),
                "auth", DataMap.of("type", "PrivateKeyJwt", "clientId", clientId, "file", key.toString())));

        app.getIdentity("jdoe@example.com", null);
        app.revokeSessions("jdoe@example.com", null);

        assertThat(sim.requests().stream().filter(r -> r.path().equals("/oauth2/v1/token"))).hasSize(1);
        assertThat(sim.requests().stream().filter(r -> r.path().startsWith("/api/")))
                .allSatisfy(r -> assertThat(r.authScheme()).isEqualTo("Bearer"));
        assertThat(sim.acceptedRevocations("jdoe@example.com")).isEqualTo(1);
    }

    @Test
    void aServiceAppAskingForScopesItWasNotGrantedFailsPermanently() throws java.io.IOException {
        Path key = java.nio.file.Files.createTempDirectory("okta").resolve("app.pem");
        String clientId = sim.createServiceApp(key);
        OktaProvider app = create(DataMap.of("baseUrl", sim.baseUrl(), "auth", DataMap.of("type", "PrivateKeyJwt",
                "clientId", clientId, "file", key.toString(), "scopes", List.of("okta.apps.manage"))));

        ProviderException e = catchThrowableOfType(() -> app.getIdentity("jdoe@example.com", null),
                ProviderException.class);

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("invalid_scope").doesNotContain("PRIVATE KEY");
    }
}
