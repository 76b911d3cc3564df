package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.data.DataMap;
import dev.idle.graphsim.Fault;
import dev.idle.graphsim.RequestRecord;
import dev.idle.spi.AuthSession;
import dev.idle.spi.BulkResult;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour beyond the contract, against the Graph simulator. */
class EntraIdProviderSimulatorTest {
    private SimFixture fx;

    @BeforeEach
    void start() {
        fx = SimFixture.start();
    }

    @AfterEach
    void stop() {
        fx.sim.close();
    }

    @Test
    void aUpnWithAnApostropheResolvesThroughAnEscapedFilter() {
        String id = fx.sim.addUser("o'brien@contoso.example", "Pat O'Brien");

        assertThat(fx.provider().getIdentity("o'brien@contoso.example", null).attributes().get("DisplayName"))
                .isEqualTo("Pat O'Brien");
        assertThat(fx.sim.requestLog()).extracting(RequestRecord::target)
                .anyMatch(t -> t.contains("userPrincipalName eq 'o''brien@contoso.example'"));
        assertThat(fx.provider().getIdentity(id, null).identityKey()).isEqualTo(id);
    }

    @Test
    void listIdentitiesReadsEveryPageAndFiltersByUpnOrDisplayNamePrefix() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(fx.sim.addUser("user" + i + "@contoso.example", "User " + i));
        }
        String pat = fx.sim.addUser("pat@contoso.example", "Pat Jones");
        EntraIdProvider provider = fx.provider("pageSize", 2);

        assertThat(provider.listIdentities(null, null)).containsAll(ids).contains(pat);
        assertThat(fx.sim.requestLog()).extracting(RequestRecord::target)
                .filteredOn(t -> t.startsWith("/v1.0/users") && !t.contains("$filter")).as("pages of two")
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(provider.listIdentities(DataMap.of("Search", "Pat"), null)).containsExactly(pat);
        assertThat(provider.listIdentities(DataMap.of("Search", "user"), null))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aKeyContaining32HexDigitsIsNotTakenForAnObjectId() {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> fx.provider().getIdentity("contract-5f1c2b9e0d3a4c4b9a550e6b7c8d9e0f", null));

        assertThat(e).hasMessageContaining("not in a recognized format");
    }

    @Test
    void revokeSessionsPostsRevokeSignInSessionsAndReportsGraphsValue() {
        String id = fx.sim.addUser("leaver@contoso.example", "Leaver");
        fx.sim.addSessions(id, 3);

        ProviderResult r = fx.provider().revokeSessions("leaver@contoso.example", null);

        assertThat(r.changed()).isTrue();
        assertThat(fx.sim.sessionCount(id)).isZero();
        assertThat(fx.sim.requestLog()).extracting(RequestRecord::line)
                .contains("POST /v1.0/users/" + id + "/revokeSignInSessions -> 200");
    }

    @Test
    void createWithAGeneratedPasswordNeverReturnsThePassword() {
        ProviderResult r = fx.provider().createIdentity("new@contoso.example", DataMap.of("DisplayName", "New"), null);

        assertThat(r.changed()).isTrue();
        assertThat(r.extras()).containsEntry("PasswordGenerated", true).doesNotContainKeys(
                "GeneratedAccountPasswordPlainText", "GeneratedAccountPasswordProtected");
        String generated = String.valueOf(((java.util.Map<?, ?>) fx.sim.user("new@contoso.example")
                .get("passwordProfile")).get("password"));
        assertThat(r.toString()).doesNotContain(generated);
        assertThat(fx.provider().createIdentity("new@contoso.example", new DataMap(), null).changed()).isFalse();
    }

    @Test
    void grantingAnExistingMemberIsANoOpAndResultsCarryTheCanonicalId() {
        String user = fx.sim.addUser("m@contoso.example", "M");
        String group = fx.sim.addGroup("Finance", "finance@contoso.example");
        fx.sim.addMember(group, user);

        ProviderResult r = fx.provider().grantEntitlement("m@contoso.example", Entitlement.of("Group", "Finance"), null);

        assertThat(r.changed()).isFalse();
        assertThat(r.extras().getMap("Entitlement")).containsEntry("Id", group)
                .containsEntry("Mail", "finance@contoso.example");
    }

    @Test
    void membershipsAreListedAcrossPages() {
        fx.sim.pageSize(2);
        String user = fx.sim.addUser("many@contoso.example", "Many");
        for (int i = 0; i < 5; i++) {
            fx.sim.addMember(fx.sim.addGroup("g" + i), user);
        }
        fx.sim.addMember(fx.sim.addAdministrativeUnit("au"), user);

        List<Entitlement> all = fx.provider().listEntitlements("many@contoso.example", null, null);

        assertThat(all).filteredOn(e -> e.kind().equals("Group")).hasSize(5);
        assertThat(all).filteredOn(e -> e.kind().equals("AdministrativeUnit")).hasSize(1);
        assertThat(fx.provider().listEntitlements("many@contoso.example", null, "Group")).hasSize(5);
    }

    @Test
    void throttledBatchItemsAreRetriedAfterRetryAfterAndNeverReportedAsFailed() {
        String user = fx.sim.addUser("bulk@contoso.example", "Bulk");
        List<Entitlement> groups = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String g = fx.sim.addGroup("bulk-" + i);
            fx.sim.addMember(g, user);
            groups.add(Entitlement.of("Group", g));
        }
        fx.sim.throttle(10, Duration.ofSeconds(1), Duration.ofSeconds(1));

        List<BulkResult> results = fx.provider().bulkRevokeEntitlements("bulk@contoso.example", groups, null);

        assertThat(results).hasSize(25).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.changed()).isTrue();
        });
        assertThat(fx.sim.memberOf(user)).isEmpty();
        assertThat(fx.sim.acceptedWrites()).isEqualTo(25);
        assertThat(fx.sim.retryAfterIssued()).isNotEmpty().allSatisfy(t -> assertThat(t.honoured()).isTrue());
        assertThat(fx.sleeps).isNotEmpty().allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aThrottledSingleWriteIsTransientAndCarriesRetryAfter() {
        fx.sim.addUser("t@contoso.example", "T");
        fx.sim.injectFault(Fault.on("PATCH", "/v1\\.0/users/.*").status(429).retryAfter(Duration.ofSeconds(4)));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> fx.provider().disableIdentity("t@contoso.example", null));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.minimumDelay()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void a403IsPermanentWithGraphsErrorCodeAndNoSecretOrToken() {
        fx.sim.registerApp(SimFixture.TENANT, SimFixture.CLIENT, SimFixture.SECRET, Set.of("User.Read.All"));
        fx.sim.addUser("r@contoso.example", "R");

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> fx.provider().revokeSessions("r@contoso.example", null));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("Status: 403", "Authorization_RequestDenied")
                .doesNotContain(SimFixture.SECRET).doesNotContain("gsim.");
    }

    @Test
    void aTimeoutIsTransient() {
        fx.sim.addUser("slow@contoso.example", "Slow");
        fx.sim.injectFault(Fault.on("POST", ".*revokeSignInSessions").stall(Duration.ofSeconds(3)).status(504));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> fx.provider("timeoutSeconds", 1).revokeSessions("slow@contoso.example", null));

        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void namedSessionsMapToTheirOwnCredentialsEachFetchedOnce() {
        fx.sim.registerApp(SimFixture.TENANT, "app-admin", "admin-secret-1");
        fx.sim.registerApp(SimFixture.TENANT, "app-tier0", "tier0-secret-2");
        fx.sim.addUser("s@contoso.example", "S");
        AuthSession admin = AuthSession.of("MicrosoftGraph", "ClientSecret",
                DataMap.of("tenantId", SimFixture.TENANT, "clientId", "app-admin"), Secret.of("admin-secret-1"));
        AuthSession tier0 = AuthSession.of("MicrosoftGraph", "ClientSecret",
                DataMap.of("tenantId", SimFixture.TENANT, "clientId", "app-tier0"), Secret.of("tier0-secret-2"));
        EntraIdProvider p = fx.provider();

        p.getIdentity("s@contoso.example", admin);
        p.getIdentity("s@contoso.example", admin);
        p.getIdentity("s@contoso.example", tier0);
        String token = fx.sim.issueToken(SimFixture.CLIENT);
        p.getIdentity("s@contoso.example", AuthSession.of("Static", "OAuth", new DataMap(), Secret.of(token)));

        List<RequestRecord> log = fx.sim.requestLog();
        assertThat(log).filteredOn(r -> r.target().contains("/oauth2/v2.0/token")).extracting(RequestRecord::clientId)
                .containsExactly("app-admin", "app-tier0");
        assertThat(log).filteredOn(r -> r.target().startsWith("/v1.0/users")).extracting(RequestRecord::clientId)
                .containsSubsequence("app-admin", "app-admin", "app-tier0", SimFixture.CLIENT);
    }

    @Test
    void deleteNeedsAllowDelete() {
        fx.sim.addUser("d@contoso.example", "D");

        assertThat(catchThrowableOfType(ProviderException.class,
                () -> fx.provider().deleteIdentity("d@contoso.example", null))).hasMessageContaining("allowDelete");
        EntraIdProvider p = fx.provider("allowDelete", true);
        assertThat(p.deleteIdentity("d@contoso.example", null).changed()).isTrue();
        assertThat(p.deleteIdentity("d@contoso.example", null).changed()).isFalse();
    }
}
