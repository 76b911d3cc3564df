package dev.idle.provider.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementResolver;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityCreator;
import dev.idle.spi.IdentityDeleter;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Secret;
import dev.idle.spi.SessionCounter;
import dev.idle.spi.SessionRevoker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Keycloak provider's own behaviour against a real Keycloak, beyond the contract suite. */
@ExtendWith(RealKeycloak.class)
class KeycloakProviderTest {
    private Provider provider;

    @AfterEach
    void close() {
        if (provider != null) {
            provider.close();
        }
    }

    private static RealKeycloak.Fixture kc() {
        return RealKeycloak.fixture();
    }

    private Provider provider(Map<String, Object> options) {
        provider = kc().provider(options);
        return provider;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void identityKeyMayBeUsernameEmailOrUserId() {
        String name = unique("key");
        String id = kc().createUser(name);
        IdentityReader reader = (IdentityReader) provider(Map.of());

        for (String key : List.of(name, name.toUpperCase(), name + "@example.test", id)) {
            Identity identity = reader.getIdentity(key, null);
            assertThat(identity.identityKey()).isEqualTo(key);
            assertThat(identity.enabled()).isTrue();
            assertThat(identity.attributes()).containsEntry("Id", id).containsEntry("Username", name)
                    .containsEntry("Email", name + "@example.test").containsEntry("FirstName", "Test");
        }
        assertThatThrownBy(() -> reader.getIdentity("nobody-" + name, null)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("Identity 'nobody-" + name + "' not found in Keycloak realm 'acme'");
    }

    @Test
    void createEnableDisableDeleteAreIdempotent() {
        String email = unique("new") + "@example.test";
        Provider p = provider(Map.of("allowDelete", true));
        assertThat(p.capabilities()).contains("IdLE.Identity.Delete", "IdLE.Identity.RevokeSessions");
        DataMap attrs = DataMap.of("FirstName", "Nora", "LastName", "Neu", "Enabled", false,
                "Department", "Finance", "Attributes", DataMap.of("costCenter", List.of("4711", "4712")));

        assertThat(((IdentityCreator) p).createIdentity(email, attrs, null).changed()).isTrue();
        assertThat(((IdentityCreator) p).createIdentity(email, attrs, null).changed()).isFalse();
        Identity created = ((IdentityReader) p).getIdentity(email, null);
        assertThat(created.enabled()).isFalse();
        assertThat(created.attributes()).containsEntry("Username", email).containsEntry("Email", email)
                .containsEntry("FirstName", "Nora").containsEntry("Department", "Finance")
                .containsEntry("costCenter", List.of("4711", "4712"));

        assertThat(((IdentityEnabler) p).enableIdentity(email, null).changed()).isTrue();
        assertThat(((IdentityEnabler) p).enableIdentity(email, null).changed()).isFalse();
        assertThat(((IdentityDisabler) p).disableIdentity(email, null).changed()).isTrue();
        assertThat(((IdentityReader) p).getIdentity(email, null).attributes())
                .as("a disable keeps every other attribute").containsEntry("Department", "Finance")
                .containsEntry("LastName", "Neu");

        assertThat(((IdentityDeleter) p).deleteIdentity(email, null).changed()).isTrue();
        assertThat(((IdentityDeleter) p).deleteIdentity(email, null).changed()).isFalse();
    }

    @Test
    void deleteNeedsAllowDelete() {
        String name = unique("keep");
        kc().createUser(name);
        Provider p = provider(Map.of());
        assertThat(p.capabilities()).doesNotContain("IdLE.Identity.Delete");
        assertThatThrownBy(() -> ((IdentityDeleter) p).deleteIdentity(name, null))
                .hasMessageContaining("allowDelete: true");
        assertThat(kc().user(name).path("username").asText()).isEqualTo(name);
    }

    @Test
    void ensureAttributeSetsNamesEmailAndCustomAttributesAndClearsThem() {
        String name = unique("attr");
        kc().createUser(name);
        AttributeEnsurer ensurer = (AttributeEnsurer) provider(Map.of());

        assertThat(ensurer.ensureAttribute(name, "GivenName", "Jane", null).changed()).isTrue();
        assertThat(ensurer.ensureAttribute(name, "FirstName", "jane", null).changed()).as("case-insensitive").isFalse();
        assertThat(ensurer.ensureAttribute(name, "Email", "Jane.Doe@Example.test", null).changed()).isTrue();
        assertThat(ensurer.ensureAttribute(name, "Email", "jane.doe@example.test", null).changed()).isFalse();
        assertThat(ensurer.ensureAttribute(name, "Title", "Engineer", null).changed()).isTrue();
        assertThat(ensurer.ensureAttribute(name, "title", "Engineer", null).changed()).isFalse();
        ProviderResult multi = ensurer.ensureAttribute(name, "Badges", List.of("a", "b"), null);
        assertThat(multi.changed()).isTrue();
        assertThat(multi.extras()).containsEntry("Name", "Badges");

        assertThat(kc().user(name).path("firstName").asText()).isEqualTo("Jane");
        assertThat(kc().user(name).path("attributes").path("Title").get(0).asText()).isEqualTo("Engineer");

        assertThat(ensurer.ensureAttribute(name, "Title", null, null).changed()).isTrue();
        assertThat(ensurer.ensureAttribute(name, "Title", null, null).changed()).isFalse();
        assertThat(kc().user(name).path("attributes").has("Title")).isFalse();
        assertThat(kc().user(name).path("attributes").path("Badges").size()).isEqualTo(2);
        assertThatThrownBy(() -> ensurer.ensureAttribute(name, "Password", "x", null))
                .hasMessageContaining("only be given to CreateIdentity");
    }

    @Test
    void groupsByPathIdOrTopLevelNameAndRealmRolesAreEntitlements() {
        String name = unique("ent");
        kc().createUser(name);
        String parent = unique("dept");
        String parentId = kc().createGroup(parent);
        String childId = kc().createSubGroup(parentId, "finance");
        String role = unique("role");
        kc().createRealmRole(role);
        Provider p = provider(Map.of());
        EntitlementGranter granter = (EntitlementGranter) p;
        EntitlementRevoker revoker = (EntitlementRevoker) p;
        EntitlementLister lister = (EntitlementLister) p;

        ProviderResult byId = granter.grantEntitlement(name, Entitlement.of("group", childId), null);
        assertThat(byId.changed()).isTrue();
        assertThat(byId.extras().getMap("Entitlement")).containsEntry("Kind", "Group")
                .containsEntry("Id", "/" + parent + "/finance");
        assertThat(granter.grantEntitlement(name, Entitlement.of("Group", "/" + parent + "/finance"), null).changed())
                .isFalse();
        assertThat(granter.grantEntitlement(name, Entitlement.of("Group", parent), null).changed()).isTrue();
        assertThat(granter.grantEntitlement(name, Entitlement.of("RealmRole", role), null).changed()).isTrue();
        assertThat(granter.grantEntitlement(name, Entitlement.of("RealmRole", role), null).changed()).isFalse();

        List<Entitlement> all = lister.listEntitlements(name, null);
        assertThat(all).extracting(e -> e.kind() + ":" + e.id()).contains("Group:/" + parent + "/finance",
                "Group:/" + parent, "RealmRole:" + role, "RealmRole:default-roles-acme");
        assertThat(lister.listEntitlements(name, null, "RealmRole")).allMatch(e -> e.kind().equals("RealmRole"));

        assertThat(((EntitlementResolver) p).resolveEntitlement("Group", Entitlement.of("Group", childId), null).id())
                .isEqualTo("/" + parent + "/finance");

        assertThat(revoker.revokeEntitlement(name, Entitlement.of("RealmRole", role), null).changed()).isTrue();
        assertThat(revoker.revokeEntitlement(name, Entitlement.of("RealmRole", role), null).changed()).isFalse();
        assertThat(revoker.revokeEntitlement(name, Entitlement.of("Group", "/" + parent), null).changed()).isTrue();
        assertThat(revoker.revokeEntitlement(name, Entitlement.of("Group", "/no-such-group"), null).changed()).isFalse();
        assertThat(lister.listEntitlements(name, null)).extracting(Entitlement::id)
                .contains("/" + parent + "/finance").doesNotContain("/" + parent, role);

        assertThatThrownBy(() -> granter.grantEntitlement(name, Entitlement.of("Group", "/no-such-group"), null))
                .hasMessageContaining("Group '/no-such-group' not found");
        assertThatThrownBy(() -> granter.grantEntitlement(name, Entitlement.of("ClientRole", "x"), null))
                .hasMessageContaining("Group and RealmRole");
    }

    @Test
    void revokeSessionsWithOfflineTokensRevokesTheOfflineTokenToo() {
        String name = unique("offline");
        String id = kc().createUser(name);
        String online = kc().login(name, false).body().path("refresh_token").asText();
        String offline = kc().login(name, true).body().path("refresh_token").asText();
        SessionRevoker revoker = (SessionRevoker) provider(Map.of("revokeOfflineTokens", true));

        ProviderResult first = revoker.revokeSessions(name, null);
        assertThat(first.changed()).isTrue();
        assertThat((Integer) first.extras().get("SessionsRevoked")).isPositive();
        assertThat(first.extras()).containsEntry("OfflineTokenClients", List.of(RealKeycloak.LOGIN_CLIENT));
        assertThat(kc().refresh(online).error()).isEqualTo("invalid_grant");
        assertThat(kc().refresh(offline).error()).isEqualTo("invalid_grant");
        assertThat(kc().kc().admin("GET", RealKeycloak.REALM + "/users/" + id + "/consents", null).size()).isZero();

        ProviderResult second = revoker.revokeSessions(name, null);
        assertThat(second.changed()).isFalse();
        assertThat(second.extras()).containsEntry("SessionsRevoked", 0).containsEntry("OfflineTokenClients", List.of());
    }

    @Test
    void countingSessionsCountsWhatRevokeThenEndsAndChangesNothing() {
        String name = unique("count");
        kc().createUser(name);
        kc().login(name, false);
        kc().login(name, true);
        Provider p = provider(Map.of("revokeOfflineTokens", true));
        SessionCounter counter = (SessionCounter) p;

        int before = counter.countSessions(name, null);
        assertThat(counter.countSessions(name, null)).as("counting again: nothing was ended").isEqualTo(before);
        ProviderResult revoked = ((SessionRevoker) p).revokeSessions(name, null);

        assertThat(before).isEqualTo((Integer) revoked.extras().get("SessionsRevoked")
                + ((List<?>) revoked.extras().get("OfflineTokenClients")).size()).isPositive();
        assertThat(counter.countSessions(name, null)).isZero();
    }

    @Test
    void withoutTheOptionOfflineSessionsStayStoredButTokensIssuedBeforeTheLogoutAreRefused() throws Exception {
        // What the docs state about revokeOfflineTokens: false, observed on the real server. The admin logout ends
        // the online sessions and sets the user's not-before time (whole seconds): refresh tokens issued before it,
        // offline ones included, are refused, but the offline session itself stays stored and is not counted.
        String name = unique("nooption");
        String id = kc().createUser(name);
        String offline = kc().login(name, true).body().path("refresh_token").asText();
        Thread.sleep(1_100); // not-before has one-second resolution: a token of the same second would still pass
        SessionRevoker revoker = (SessionRevoker) provider(Map.of());

        ProviderResult result = revoker.revokeSessions(name, null);
        assertThat(result.extras()).doesNotContainKey("OfflineTokenClients");
        assertThat(kc().kc().admin("GET", RealKeycloak.REALM + "/users/" + id + "/consents", null).toString())
                .contains(RealKeycloak.LOGIN_CLIENT);
        assertThat(kc().refresh(offline).error()).isEqualTo("invalid_grant");
    }

    @Test
    void anAuthSessionFromTheBrokerIsUsedInsteadOfTheProviderDefault() {
        String name = unique("session");
        kc().createUser(name);
        Provider p = provider(Map.of());
        AuthSession good = AuthSession.of("Keycloak", "ClientSecret",
                DataMap.of("clientId", RealKeycloak.ENGINE_CLIENT, "tenantId", RealKeycloak.REALM),
                Secret.of(kc().engineSecret));
        assertThat(((IdentityReader) p).getIdentity(name, good).enabled()).isTrue();

        String wrong = "wrong-secret-" + UUID.randomUUID();
        AuthSession bad = AuthSession.of("Keycloak", "ClientSecret",
                DataMap.of("clientId", RealKeycloak.ENGINE_CLIENT), Secret.of(wrong));
        assertThatThrownBy(() -> ((IdentityReader) p).getIdentity(name, bad))
                .isInstanceOf(ProviderException.class)
                .satisfies(e -> assertThat(((ProviderException) e).isTransient()).isFalse())
                .hasMessageContaining("token request for client 'idle-engine' in realm 'acme' failed: HTTP 401")
                .hasMessageContaining("unauthorized_client")
                .hasMessageNotContaining(wrong);

        AuthSession bearer = AuthSession.of("Keycloak", "OAuth", new DataMap(), Secret.of("not-a-token"));
        assertThatThrownBy(() -> ((IdentityReader) p).getIdentity(name, bearer))
                .hasMessageContaining("HTTP 401").hasMessageNotContaining("not-a-token");
    }

    @Test
    void aRejectedRequestFailsWithKeycloaksErrorText() {
        String taken = unique("taken");
        kc().createUser(taken);
        IdentityCreator creator = (IdentityCreator) provider(Map.of());
        assertThatThrownBy(() -> creator.createIdentity(unique("other"),
                DataMap.of("Email", taken + "@example.test"), null))
                .isInstanceOf(ProviderException.class)
                .satisfies(e -> assertThat(((ProviderException) e).isTransient()).isFalse())
                .hasMessageContaining("POST users")
                .hasMessageContaining("HTTP 409: User exists with same email");
    }
}
