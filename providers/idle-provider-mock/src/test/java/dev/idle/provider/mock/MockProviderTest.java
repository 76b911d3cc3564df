package dev.idle.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Identity;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Secret;
import org.junit.jupiter.api.Test;

class MockProviderTest {

    private static final Entitlement STAFF = Entitlement.of("Group", "sg-all-staff");

    @Test
    void revokeSessionsRemovesEverySessionAndReportsChanged() {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.session("s1", "Outlook").session("s2", "Teams")).build();

        ProviderResult result = mock.revokeSessions("jdoe", null);

        assertThat(result.changed()).isTrue();
        assertThat(result.operation()).isEqualTo("RevokeSessions");
        assertThat(mock.store().get("jdoe").sessions()).isEmpty();
    }

    @Test
    void listIdentitiesReturnsStoredKeysInKeyOrderFilteredByAPrefixIgnoringCase() {
        MockProvider mock = MockProvider.builder().identity("jdoe").identity("Anna").identity("jdoe2")
                .identity("bob").build();

        assertThat(mock.listIdentities(null, null)).containsExactly("Anna", "bob", "jdoe", "jdoe2");
        assertThat(mock.listIdentities(DataMap.of("Search", " JD "), null)).containsExactly("jdoe", "jdoe2");
        assertThat(mock.listIdentities(DataMap.of("Search", "nobody"), null)).isEmpty();
        assertThat(mock.store().keys()).as("listing creates nothing").hasSize(4);
    }

    @Test
    void listIdentitiesCanBeMadeToFailLikeEveryOtherMethod() {
        MockProvider mock = MockProvider.builder().identity("jdoe").failOn("listidentities", 1).build();

        assertThatThrownBy(() -> mock.listIdentities(null, null)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.isTransient()).isTrue());
        assertThat(mock.listIdentities(null, null)).containsExactly("jdoe");
    }

    @Test
    void revokeSessionsReportsUnchangedWhenNoSessionsExist() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(mock.revokeSessions("jdoe", null).changed()).isFalse();
    }

    @Test
    void unknownIdentityFailsWithNotFoundNamingTheKey() {
        MockProvider mock = MockProvider.inMemory();

        assertThatThrownBy(() -> mock.revokeSessions("ghost", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessage("Identity 'ghost' was not found in the mock provider.");
        assertThatThrownBy(() -> mock.getIdentity("ghost", null)).hasMessageContaining("'ghost' was not found");
        assertThatThrownBy(() -> mock.listEntitlements("ghost", null)).hasMessageContaining("'ghost' was not found");
        assertThatThrownBy(() -> mock.grantEntitlement("ghost", STAFF, null)).hasMessageContaining("'ghost' was not found");
        assertThatThrownBy(() -> mock.disableIdentity("ghost", null)).hasMessageContaining("'ghost' was not found");
        assertThatThrownBy(() -> mock.moveIdentity("ghost", "OU=x", null)).hasMessageContaining("'ghost' was not found");
        assertThat(mock.store().get("ghost")).isNull();
    }

    @Test
    void identityKeysMatchIgnoringCase() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(mock.disableIdentity("JDoe", null).changed()).isTrue();
        assertThat(mock.store().get("jdoe").enabled()).isFalse();
    }

    @Test
    void identityKeyAttributeMatchesByAttribute() {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.attribute("UserPrincipalName", "jdoe@example.com"))
                .identityKeyAttribute("UserPrincipalName").build();

        Identity identity = mock.getIdentity("JDOE@example.com", null);
        ProviderResult disabled = mock.disableIdentity("jdoe@example.com", null);

        assertThat(identity.attributes()).containsEntry("UserPrincipalName", "jdoe@example.com");
        assertThat(disabled.changed()).isTrue();
        assertThat(mock.store().get("jdoe").enabled()).isFalse();
        assertThat(mock.store().snapshot()).containsOnlyKeys("jdoe");
    }

    @Test
    void identityKeyAttributeIsNotUsedWithoutTheOption() {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.attribute("UserPrincipalName", "jdoe@example.com")).build();

        assertThatThrownBy(() -> mock.getIdentity("jdoe@example.com", null)).isInstanceOf(ProviderException.class);
    }

    @Test
    void failOnFailsTransientlyThatManyTimesThenSucceeds() {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.session("s1", "Outlook")).failOn("revokesessions", 2).build();

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> mock.revokeSessions("jdoe", null))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("RevokeSessions");
        }
        assertThat(mock.store().get("jdoe").sessions()).as("failed calls change nothing").hasSize(1);
        assertThat(mock.revokeSessions("jdoe", null).changed()).isTrue();
        assertThat(mock.revokeSessions("jdoe", null).changed()).isFalse();
    }

    @Test
    void failPermanentlyOnIsNotTransient() {
        MockProvider mock = MockProvider.builder().identity("jdoe").failPermanentlyOn("DisableIdentity").build();

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> mock.disableIdentity("jdoe", null))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isFalse());
        }
        assertThat(mock.enableIdentity("jdoe", null).changed()).as("other methods still work").isFalse();
    }

    @Test
    void faultOptionsRejectUnknownMethodNames() {
        assertThatThrownBy(() -> MockProvider.builder().failOn("RevokeEverything", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RevokeEverything");
    }

    @Test
    void receivedSessionsRecordsTheSessionPassed() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();
        AuthSession session = AuthSession.of("DirectoryAdmin", "OAuth", new DataMap(), Secret.of("s3cr3t-token"));

        mock.revokeSessions("jdoe", session);
        mock.getIdentity("jdoe", null);

        assertThat(mock.receivedSessions()).containsExactly(new ReceivedSession("RevokeSessions", "jdoe", session));
        assertThat(mock.receivedSessions().get(0).toString()).contains("DirectoryAdmin").doesNotContain("s3cr3t");
        assertThat(mock.acceptsAuthSession("RevokeSessions")).isTrue();
    }

    @Test
    void createIdentityAddsAnEnabledIdentityWithTheAttributes() {
        MockProvider mock = MockProvider.inMemory();

        ProviderResult result = mock.createIdentity("jdoe", DataMap.of("DisplayName", "John Doe"), null);

        assertThat(result.changed()).isTrue();
        Identity identity = mock.getIdentity("jdoe", null);
        assertThat(identity.enabled()).isTrue();
        assertThat(identity.attributes()).containsEntry("displayname", "John Doe");
    }

    @Test
    void createIdentityOfAnExistingIdentityChangesNothing() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.attribute("DisplayName", "John")).build();

        assertThat(mock.createIdentity("JDOE", DataMap.of("DisplayName", "Other"), null).changed()).isFalse();
        assertThat(mock.store().get("jdoe").attributes()).containsEntry("DisplayName", "John");
    }

    @Test
    void deleteIdentityRemovesItAndReportsUnchangedWhenAbsent() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(mock.deleteIdentity("jdoe", null).changed()).isTrue();
        assertThat(mock.deleteIdentity("jdoe", null).changed()).isFalse();
        assertThat(mock.store().get("jdoe")).isNull();
    }

    @Test
    void enableAndDisableAreIdempotent() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThat(mock.enableIdentity("jdoe", null).changed()).isFalse();
        assertThat(mock.disableIdentity("jdoe", null).changed()).isTrue();
        assertThat(mock.disableIdentity("jdoe", null).changed()).isFalse();
        assertThat(mock.enableIdentity("jdoe", null).changed()).isTrue();
    }

    @Test
    void moveIdentitySetsTheContainerAndReportsTheTarget() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.container("OU=Users,DC=example,DC=com")).build();

        ProviderResult moved = mock.moveIdentity("jdoe", "OU=Leavers,DC=example,DC=com", null);
        ProviderResult again = mock.moveIdentity("jdoe", "OU=Leavers,DC=example,DC=com", null);

        assertThat(moved.changed()).isTrue();
        assertThat(moved.extras()).containsEntry("TargetContainer", "OU=Leavers,DC=example,DC=com");
        assertThat(again.changed()).isFalse();
        assertThat(mock.store().get("jdoe").container()).isEqualTo("OU=Leavers,DC=example,DC=com");
    }

    @Test
    void capabilitiesDefaultToTheWholeCatalog() {
        assertThat(MockProvider.inMemory().capabilities())
                .contains("IdLE.Identity.RevokeSessions", "IdLE.Mailbox.Permissions.Ensure", "IdLE.DirectorySync.Status")
                .hasSize(19);
    }

    @Test
    void capabilitiesOptionRestrictsAdvertisedCapabilities() {
        MockProvider mock = MockProvider.builder().capabilities("IdLE.Identity.Read", "IdLE.Identity.Disable").build();

        assertThat(mock.capabilities()).containsExactly("IdLE.Identity.Read", "IdLE.Identity.Disable");
    }

    @Test
    void capabilitiesOptionRejectsMalformedIds() {
        assertThatThrownBy(() -> MockProvider.builder().capabilities("IdLE Identity.Read"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'IdLE Identity.Read'");
        assertThatThrownBy(() -> MockProvider.builder().capabilities("NoDots"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- upstream Mock semantics (providers.md §4), which need autoCreate for the unknown-identity cases ---

    @Test
    void autoCreateMaterialisesAnUnknownIdentityOnGetIdentity() {
        MockProvider mock = MockProvider.builder().autoCreate(true).build();

        Identity identity = mock.getIdentity("new-user", null);

        assertThat(identity.identityKey()).isEqualTo("new-user");
        assertThat(identity.enabled()).isTrue();
        assertThat(identity.attributes()).isEmpty();
        assertThat(mock.store().get("new-user")).isNotNull();
    }

    @Test
    void autoCreateListsNoEntitlementsForAnUnknownIdentityWithoutCreatingIt() {
        MockProvider mock = MockProvider.builder().autoCreate(true).build();

        assertThat(mock.listEntitlements("ghost", null)).isEmpty();
        assertThat(mock.store().get("ghost")).isNull();
    }

    @Test
    void autoCreateStillRefusesGrantAndRevokeOnAnUnknownIdentity() {
        MockProvider mock = MockProvider.builder().autoCreate(true).build();

        assertThatThrownBy(() -> mock.grantEntitlement("ghost", STAFF, null))
                .isInstanceOf(ProviderException.class)
                .hasMessage("Identity 'ghost' does not exist in the mock provider store.");
        assertThatThrownBy(() -> mock.revokeEntitlement("ghost", STAFF, null))
                .hasMessage("Identity 'ghost' does not exist in the mock provider store.");
    }

    @Test
    void autoCreateDisableOfAnUnknownIdentityReportsChangedThenUnchanged() {
        MockProvider mock = MockProvider.builder().autoCreate(true).build();

        assertThat(mock.disableIdentity("new-user", null).changed()).isTrue();
        assertThat(mock.disableIdentity("new-user", null).changed()).isFalse();
    }

    @Test
    void grantTwiceReportsChangedThenUnchanged() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        ProviderResult first = mock.grantEntitlement("jdoe", STAFF, null);

        assertThat(first.changed()).isTrue();
        assertThat(first.extras().getMap("Entitlement")).containsEntry("Kind", "Group").containsEntry("Id", "sg-all-staff");
        assertThat(mock.grantEntitlement("jdoe", Entitlement.of("group", "SG-ALL-STAFF"), null).changed())
                .as("Kind and Id compare ignoring case").isFalse();
    }

    @Test
    void revokeTwiceReportsChangedThenUnchanged() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "sg-all-staff")).build();

        assertThat(mock.revokeEntitlement("jdoe", Entitlement.of("GROUP", "sg-all-staff"), null).changed()).isTrue();
        assertThat(mock.revokeEntitlement("jdoe", STAFF, null).changed()).isFalse();
    }

    @Test
    void listReflectsGrantsAndRevokesInGrantOrder() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();
        Entitlement vpn = Entitlement.of("Group", "sg-vpn");

        assertThat(mock.listEntitlements("jdoe", null)).isEmpty();
        mock.grantEntitlement("jdoe", STAFF, null);
        mock.grantEntitlement("jdoe", vpn, null);
        assertThat(mock.listEntitlements("jdoe", null)).containsExactly(STAFF, vpn);
        mock.revokeEntitlement("jdoe", STAFF, null);
        assertThat(mock.listEntitlements("jdoe", null)).containsExactly(vpn);
    }

    @Test
    void protectedEntitlementCannotBeRevokedEvenWhenNotAssigned() {
        MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.entitlement("Group", "sg-all-staff"))
                .protectedEntitlementIds("SG-ALL-STAFF", "sg-admins").build();

        assertThatThrownBy(() -> mock.revokeEntitlement("jdoe", STAFF, null))
                .isInstanceOf(ProviderException.class)
                .hasMessage("Entitlement 'sg-all-staff' is protected and cannot be removed.");
        assertThatThrownBy(() -> mock.revokeEntitlement("jdoe", Entitlement.of("Group", "sg-admins"), null))
                .hasMessage("Entitlement 'sg-admins' is protected and cannot be removed.");
        assertThat(mock.listEntitlements("jdoe", null)).containsExactly(STAFF);
    }

    @Test
    void blankEntitlementKindOrIdIsRejected() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThatThrownBy(() -> mock.grantEntitlement("jdoe", Entitlement.of(" ", "x"), null))
                .hasMessage("Entitlement.Kind must not be empty.");
        assertThatThrownBy(() -> mock.revokeEntitlement("jdoe", Entitlement.of("Group", ""), null))
                .hasMessage("Entitlement.Id must not be empty.");
    }

    @Test
    void ensureAttributeIgnoresLetterCaseOfStrings() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.attribute("Department", "IT")).build();

        ProviderResult result = mock.ensureAttribute("jdoe", "department", "it", null);

        assertThat(result.changed()).isFalse();
        assertThat(result.extras()).containsEntry("Name", "department").containsEntry("Value", "it");
    }

    @Test
    void ensureAttributeReportsChangedForANewOrDifferentValue() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.attribute("Department", "IT")).build();

        assertThat(mock.ensureAttribute("jdoe", "Department", "HR", null).changed()).isTrue();
        assertThat(mock.ensureAttribute("jdoe", "Title", "Engineer", null).changed()).isTrue();
        assertThat(mock.ensureAttribute("jdoe", "Title", null, null).changed()).as("null clears").isTrue();
        assertThat(mock.ensureAttribute("jdoe", "Title", null, null).changed()).isFalse();
        assertThat(mock.store().get("jdoe").attributes()).containsEntry("Department", "HR").containsEntry("Title", null);
    }

    @Test
    void createIdentityKeepsNoPasswordItWasGiven() {
        MockProvider mock = MockProvider.inMemory();

        mock.createIdentity("jdoe", DataMap.of("DisplayName", "John", "PasswordProfile",
                DataMap.of("forceChangePasswordNextSignIn", true, "password", "Initial-1!"), "AccountPassword", "x"), null);

        DataMap stored = mock.store().get("jdoe").attributes();
        assertThat(stored.getMap("PasswordProfile")).containsEntry("password", MockProvider.PASSWORD_SET)
                .containsEntry("forceChangePasswordNextSignIn", true);
        assertThat(stored).containsEntry("AccountPassword", MockProvider.PASSWORD_SET);
        assertThat(stored.toString()).doesNotContain("Initial-1!");
    }
}
