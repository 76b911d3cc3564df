package dev.idle.provider.googleworkspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.data.DataMap;
import dev.idle.googlesim.GoogleSimulator;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.idle.testkit.TestEnvironment;

/** Google Workspace specifics the contract suite does not cover, against the simulator. */
class GoogleWorkspaceProviderTest {
    private static final String SA = "idle@sim-project.iam.gserviceaccount.com";

    @TempDir
    Path dir;

    private GoogleSimulator sim;
    private Path key;
    private GoogleWorkspaceProvider provider;

    @BeforeEach
    void setUp() throws IOException {
        sim = GoogleSimulator.start("example.com").addOrgUnit("/Leavers");
        sim.addUser("admin@example.com", "Ada", "Admin", true);
        key = dir.resolve("key.json");
        sim.createServiceAccount(SA, key);
        provider = create(DataMap.of("baseUrl", sim.baseUrl(),
                "auth", DataMap.of("type", "ServiceAccount", "file", key.toString(), "subject", "admin@example.com")));
    }

    @AfterEach
    void tearDown() {
        sim.close();
    }

    private GoogleWorkspaceProvider create(DataMap options) {
        return (GoogleWorkspaceProvider) new GoogleWorkspaceProviderFactory(k -> null, Clock.systemUTC())
                .create("Google", options, TestEnvironment.at(dir));
    }

    @Test
    void groupListingFollowsPageTokens() {
        sim.pageSize(2);
        sim.addUser("jdoe@example.com", "John", "Doe", false);
        for (int i = 0; i < 5; i++) {
            sim.addMember(sim.addGroup("g" + i + "@example.com", "G" + i), "jdoe@example.com");
        }

        List<Entitlement> listed = provider.listEntitlements("jdoe@example.com", null);

        assertThat(listed).extracting(Entitlement::id)
                .containsExactly("g0@example.com", "g1@example.com", "g2@example.com", "g3@example.com",
                        "g4@example.com");
        assertThat(sim.requests().stream().filter(r -> r.path().endsWith("/groups"))).hasSize(3);
    }

    @Test
    void rateLimitReasonsOn403AreTransientWithRetryAfterAndAPlain403IsNot() {
        sim.addUser("jdoe@example.com", "John", "Doe", false);
        sim.retryAfterSeconds(2).throttle("GET", ".*/users/.*", 1, 403);

        ProviderException limited = catchThrowableOfType(() -> provider.getIdentity("jdoe@example.com", null),
                ProviderException.class);
        assertThat(limited.isTransient()).isTrue();
        assertThat(limited.minimumDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(limited.getMessage()).contains("userRateLimitExceeded");

        sim.failNext(403);
        ProviderException forbidden = catchThrowableOfType(() -> provider.getIdentity("jdoe@example.com", null),
                ProviderException.class);
        assertThat(forbidden.isTransient()).isFalse();
        assertThat(forbidden.getMessage()).contains("reason: forbidden");
    }

    @Test
    void moveChangesTheOrgUnitPathOnce() {
        sim.addUser("jdoe@example.com", "John", "Doe", false);

        assertThat(provider.moveIdentity("jdoe@example.com", "/Leavers", null).changed()).isTrue();
        assertThat(provider.moveIdentity("jdoe@example.com", "/Leavers", null).changed()).isFalse();
        assertThat(sim.user("jdoe@example.com").get("orgUnitPath")).isEqualTo("/Leavers");
    }

    @Test
    void departmentIsWrittenToThePrimaryOrganizationEntry() {
        sim.addUser("jdoe@example.com", "John", "Doe", false);

        assertThat(provider.ensureAttribute("jdoe@example.com", "Department", "Sales", null).changed()).isTrue();
        assertThat(provider.ensureAttribute("jdoe@example.com", "department", "Sales", null).changed()).isFalse();
        assertThat(provider.getIdentity("jdoe@example.com", null).attributes().get("Department")).isEqualTo("Sales");
        assertThatThrownBy(() -> provider.ensureAttribute("jdoe@example.com", "Shoe", "42", null))
                .hasMessageContaining("unsupported attribute 'Shoe'");
    }

    @Test
    void scopesNotDelegatedFailPermanentlyWithAHintAndNoSecret() {
        sim.delegatedScopes(SA, GoogleSimulator.SCOPE_USER);

        ProviderException e = catchThrowableOfType(() -> provider.getIdentity("admin@example.com", null),
                ProviderException.class);

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("unauthorized_client", "domain-wide delegation")
                .doesNotContain("PRIVATE KEY").doesNotContain("assertion=");
    }

    @Test
    void theAccessTokenIsFetchedOnceAndReused() {
        sim.addUser("jdoe@example.com", "John", "Doe", false);

        provider.getIdentity("jdoe@example.com", null);
        provider.disableIdentity("jdoe@example.com", null);
        provider.revokeSessions("jdoe@example.com", null);

        assertThat(sim.requests().stream().filter(r -> r.path().equals("/token"))).hasSize(1);
        assertThat(sim.acceptedRevocations("jdoe@example.com")).isEqualTo(1);
        assertThat(sim.user("jdoe@example.com").get("suspended")).isEqualTo(true);
    }

    @Test
    void revokeSessionsOfAnUnknownUserFailsAndIsNotTransient() {
        ProviderException e = catchThrowableOfType(() -> provider.revokeSessions("nobody@example.com", null),
                ProviderException.class);

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("was not found in Google Workspace");
    }

    @Test
    void baseUrlAndTokenUriMustBeHttpsExceptOnLoopback() {
        assertThatThrownBy(() -> create(DataMap.of("baseUrl", "http://admin.googleapis.com")))
                .hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> create(DataMap.of("tokenUri", "http://oauth2.googleapis.com/token")))
                .hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> create(DataMap.of("auth", DataMap.of("type", "ServiceAccount", "file", "k.json"))))
                .hasMessageContaining("auth.subject");
        assertThat(create(DataMap.of())).isNotNull();
    }
}
