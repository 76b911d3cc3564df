package dev.idle.provider.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Identity;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AD provider against the Samba AD DC (skipped without one). */
class SambaAdProviderTest {
    private static SambaDc dc;
    private static LDAPConnection admin;
    private static String ou;
    private AdProvider provider;

    @BeforeAll
    static void fixtures() throws Exception {
        dc = SambaDc.require();
        admin = dc.admin();
        ou = dc.newOu(admin, "idle-provider");
    }

    @AfterAll
    static void cleanUp() {
        if (admin != null) {
            SambaDc.deleteTree(admin, ou);
            admin.close();
        }
    }

    @BeforeEach
    void newProvider() {
        provider = dc.provider(dc.options());
    }

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    private static String sam() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private String createUser(String sam, DataMap extra) {
        DataMap attrs = DataMap.of("Path", ou, "GivenName", "Test", "Surname", sam,
                "UserPrincipalName", sam + "@" + dc.domain, "ResetOnFirstLogin", false);
        if (extra != null) {
            attrs.putAll(extra);
        }
        assertThat(provider.createIdentity(sam, attrs, null).changed()).isTrue();
        return provider.getIdentity(sam, null).attributes().getString("DistinguishedName");
    }

    @Test
    void resolvesUsersByGuidInEveryFormatByUpnBySamAccountNameAndByDn() {
        String sam = sam();
        String dn = createUser(sam, null);
        String guid = provider.getIdentity(sam, null).attributes().getString("ObjectGuid");
        String n = guid.replace("-", "");
        for (String key : List.of(guid, guid.toUpperCase(), n, "{" + guid + "}", "(" + guid + ")",
                sam + "@" + dc.domain, sam, dn)) {
            Identity id = provider.getIdentity(key, null);
            assertThat(id.identityKey()).isEqualTo(key);
            assertThat(id.attributes().getString("DistinguishedName")).as(key).isEqualToIgnoringCase(dn);
            assertThat(id.enabled()).isTrue();
        }
        assertThat(provider.getIdentity(sam, null).attributes())
                .containsEntry("GivenName", "Test").containsEntry("Surname", sam)
                .containsEntry("sAMAccountName", sam);
    }

    @Test
    void unknownKeysSayHowTheyWereLookedUp() {
        assertThatThrownBy(() -> provider.getIdentity("nobody-" + sam(), null))
                .hasMessageStartingWith("Identity with sAMAccountName 'nobody-");
        assertThatThrownBy(() -> provider.getIdentity("nobody@" + dc.domain, null))
                .hasMessage("Identity with UPN 'nobody@" + dc.domain + "' not found.");
        String g = UUID.randomUUID().toString();
        assertThatThrownBy(() -> provider.getIdentity(g, null)).hasMessage("Identity with GUID '" + g + "' not found.");
        assertThatThrownBy(() -> provider.getIdentity("CN=nobody," + ou, null))
                .hasMessage("Identity with DN 'CN=nobody," + ou + "' not found.");
    }

    @Test
    void createWithAGeneratedPasswordSetsUnicodePwdAndNeverReturnsThePasswordInClear() throws Exception {
        String sam = sam();
        ProviderResult r = provider.createIdentity(sam, DataMap.of("Path", ou, "ResetOnFirstLogin", false,
                "AllowPlainTextPasswordOutput", true, "DisplayName", "Gen " + sam), null);
        assertThat(r.changed()).isTrue();
        assertThat(r.extras()).containsEntry("PasswordGenerated", true)
                .containsEntry("PasswordGenerationPolicyUsed", "DomainPolicy");
        Object pw = r.extras().get("GeneratedAccountPasswordPlainText");
        assertThat(pw).isInstanceOf(Secret.class);
        assertThat(pw.toString()).doesNotContain(((Secret) pw).reveal());
        assertThat(((Secret) pw).reveal()).hasSize(24);
        String dn = "CN=Gen " + sam + "," + ou;
        assertThat(Integer.parseInt(SambaDc.attr(admin, dn, "userAccountControl")) & 2).isZero();
        // the password works: bind as the new user
        try (LDAPConnection c = dc.admin()) {
            assertThat(c.bind(sam + "@" + dc.domain, ((Secret) pw).reveal()).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
        }
    }

    @Test
    void createDefaultsToResetOnFirstLoginAndOmitsThePlainTextUnlessAllowed() throws Exception {
        String sam = sam();
        ProviderResult r = provider.createIdentity(sam, DataMap.of("Path", ou), null);
        assertThat(r.extras()).containsEntry("PasswordGenerated", true)
                .doesNotContainKey("GeneratedAccountPasswordPlainText");
        assertThat(SambaDc.attr(admin, "CN=" + sam + "," + ou, "pwdLastSet")).isEqualTo("0");
    }

    @Test
    void createWithAPlainTextPasswordDisabledAndExistingUserIsUnchanged() throws Exception {
        String sam = sam();
        ProviderResult r = provider.createIdentity(sam, DataMap.of("Path", ou, "Enabled", false,
                "AccountPasswordAsPlainText", "Xy7!-long-enough-pass", "ResetOnFirstLogin", false), null);
        assertThat(r.changed()).isTrue();
        assertThat(r.extras()).doesNotContainKey("PasswordGenerated");
        assertThat(provider.getIdentity(sam, null).enabled()).isFalse();
        assertThat(provider.createIdentity(sam, DataMap.of("Path", ou), null).changed()).isFalse();
    }

    @Test
    void createWithoutPasswordWhenDisabledAndWithManagerAndOtherAttributes() throws Exception {
        String manager = sam();
        String managerDn = createUser(manager, null);
        String sam = sam();
        provider.createIdentity(sam, DataMap.of("Path", ou, "Enabled", false, "Manager", manager,
                "OtherAttributes", DataMap.of("employeeType", "Contractor")), null);
        String dn = "CN=" + sam + "," + ou;
        assertThat(SambaDc.attr(admin, dn, "manager")).isEqualToIgnoringCase(managerDn);
        assertThat(SambaDc.attr(admin, dn, "employeeType")).isEqualTo("Contractor");
        assertThat(provider.getIdentity(sam, null).enabled()).isFalse();
    }

    @Test
    void createRejectsUnknownAttributesAndAmbiguousPasswords() {
        assertThatThrownBy(() -> provider.createIdentity(sam(), DataMap.of("Mail", "x@y"), null))
                .hasMessageStartingWith("AD Provider: Unsupported attributes in CreateIdentity operation.")
                .hasMessageContaining("Unsupported: Mail").hasMessageContaining("OtherAttributes");
        assertThatThrownBy(() -> provider.createIdentity(sam(), DataMap.of("AccountPassword", "env:X",
                "AccountPasswordAsPlainText", "y"), null)).hasMessageStartingWith("Ambiguous password configuration");
        assertThatThrownBy(() -> provider.createIdentity("x@" + dc.domain, DataMap.of(), null))
                .hasMessageStartingWith("SamAccountName is required when IdentityKey is a UPN.");
    }

    @Test
    void disableAndEnableFlipOnlyTheAccountDisableBit() throws Exception {
        String sam = sam();
        String dn = createUser(sam, null);
        int before = Integer.parseInt(SambaDc.attr(admin, dn, "userAccountControl"));
        assertThat(provider.disableIdentity(sam, null).changed()).isTrue();
        assertThat(provider.disableIdentity(sam, null).changed()).isFalse();
        assertThat(Integer.parseInt(SambaDc.attr(admin, dn, "userAccountControl"))).isEqualTo(before | 2);
        assertThat(provider.enableIdentity(sam, null).changed()).isTrue();
        assertThat(provider.enableIdentity(sam, null).changed()).isFalse();
        assertThat(Integer.parseInt(SambaDc.attr(admin, dn, "userAccountControl"))).isEqualTo(before);
    }

    @Test
    void moveIsIdempotentAndKeepsTheRdnEvenWithAnEscapedComma() throws Exception {
        String target = dc.newOu(admin, "idle-move");
        try {
            String sam = sam();
            provider.createIdentity(sam, DataMap.of("Path", ou, "Name", "Doe, John " + sam,
                    "ResetOnFirstLogin", false), null);
            ProviderResult r = provider.moveIdentity(sam, target, null);
            assertThat(r.changed()).isTrue();
            assertThat(r.extras()).containsEntry("TargetContainer", target);
            assertThat(provider.getIdentity(sam, null).attributes().getString("DistinguishedName"))
                    .isEqualToIgnoringCase("CN=Doe\\, John " + sam + "," + target);
            assertThat(provider.moveIdentity(sam, target.toLowerCase(), null).changed()).isFalse();
        } finally {
            SambaDc.deleteTree(admin, target);
        }
    }

    @Test
    void ensureAttributeSetsComparesIgnoringCaseAndClears() throws Exception {
        String sam = sam();
        String dn = createUser(sam, null);
        assertThat(provider.ensureAttribute(sam, "Department", "IT", null).changed()).isTrue();
        assertThat(provider.ensureAttribute(sam, "department", "it", null).changed()).isFalse();
        assertThat(provider.ensureAttribute(sam, "EmailAddress", sam + "@corp.example", null).changed()).isTrue();
        assertThat(SambaDc.attr(admin, dn, "mail")).isEqualTo(sam + "@corp.example");
        assertThat(provider.ensureAttribute(sam, "Department", null, null).changed()).isTrue();
        assertThat(provider.ensureAttribute(sam, "Department", null, null).changed()).isFalse();
        assertThat(SambaDc.attr(admin, dn, "department")).isNull();
        DataMap other = DataMap.of("employeeType", "Staff");
        assertThat(provider.ensureAttribute(sam, "OtherAttributes", other, null).changed()).isTrue();
        assertThat(provider.ensureAttribute(sam, "OtherAttributes", other, null).changed()).isFalse();
        assertThatThrownBy(() -> provider.ensureAttribute(sam, "Path", "x", null))
                .hasMessageStartingWith("AD Provider: Unsupported attribute in EnsureAttributes operation.");
    }

    @Test
    void managerGivenBySamAccountNameIsIdempotent() {
        String manager = sam();
        createUser(manager, null);
        String sam = sam();
        createUser(sam, null);
        assertThat(provider.ensureAttribute(sam, "Manager", manager, null).changed()).isTrue();
        assertThat(provider.ensureAttribute(sam, "Manager", manager, null).changed()).isFalse();
        assertThatThrownBy(() -> provider.ensureAttribute(sam, "Manager", "nobody-x", null))
                .hasMessage("Manager: Could not find user with sAMAccountName 'nobody-x'.");
    }

    @Test
    void groupsGrantListRevokeAndResolveWithoutThePrimaryGroup() throws Exception {
        String sam = sam();
        createUser(sam, null);
        String groupName = "g" + sam;
        String group = dc.newGroup(admin, ou, groupName);
        assertThat(provider.listEntitlements(sam, null)).isEmpty(); // Domain Users (primary) is not listed
        ProviderResult g = provider.grantEntitlement(sam, Entitlement.of("Group", groupName), null);
        assertThat(g.changed()).isTrue();
        assertThat(g.extras().getMap("Entitlement")).containsEntry("Id", groupName);
        assertThat(provider.grantEntitlement(sam, Entitlement.of("Group", group), null).changed()).isFalse();
        assertThat(provider.listEntitlements(sam, null)).containsExactly(Entitlement.of("Group", group));
        assertThat(provider.listEntitlements(sam, null, "Role")).isEmpty();
        assertThat(provider.resolveEntitlement("Group", Entitlement.of("group", groupName), null))
                .isEqualTo(Entitlement.of("group", group));
        assertThat(provider.resolveEntitlement("Role", Entitlement.of("Role", "x"), null))
                .isEqualTo(Entitlement.of("Role", "x"));
        String domainUsers = "CN=Domain Users,CN=Users," + dc.baseDn;
        assertThat(provider.revokeEntitlement(sam, Entitlement.of("Group", domainUsers), null).changed()).isFalse();
        assertThat(provider.revokeEntitlement(sam, Entitlement.of("Group", group), null).changed()).isTrue();
        assertThat(provider.revokeEntitlement(sam, Entitlement.of("Group", group), null).changed()).isFalse();
        assertThatThrownBy(() -> provider.grantEntitlement(sam, Entitlement.of("Group", "nogroup-x"), null))
                .hasMessage("Group with sAMAccountName 'nogroup-x' not found.");
        assertThatThrownBy(() -> provider.grantEntitlement(sam, Entitlement.of("Group", " "), null))
                .hasMessage("Entitlement.Id must not be empty.");
    }

    @Test
    void deleteOnlyWhenAllowed() {
        String sam = sam();
        createUser(sam, null);
        assertThat(provider.capabilities()).doesNotContain("IdLE.Identity.Delete");
        assertThatThrownBy(() -> provider.deleteIdentity(sam, null))
                .hasMessageStartingWith("Delete capability is not enabled.");
        DataMap options = dc.options();
        options.put("allowDelete", true);
        try (AdProvider deleting = dc.provider(options)) {
            assertThat(deleting.capabilities()).last().isEqualTo("IdLE.Identity.Delete");
            assertThat(deleting.deleteIdentity(sam, null).changed()).isTrue();
            assertThat(deleting.deleteIdentity(sam, null).changed()).isFalse();
        }
    }

    @Test
    void listIdentitiesReturnsObjectGuids() {
        String sam = sam();
        createUser(sam, null);
        String guid = provider.getIdentity(sam, null).attributes().getString("ObjectGuid");
        assertThat(provider.listIdentities(DataMap.of("Search", sam), null)).containsExactly(guid);
        assertThat(provider.listIdentities(null, null)).contains(guid).hasSizeGreaterThan(1);
    }

    @Test
    void aCredentialSessionBindsAsThatUserAndOtherSessionTypesAreRejected() {
        String sam = sam();
        createUser(sam, DataMap.of("AccountPasswordAsPlainText", "Abc-123-long-pass!"));
        AuthSession asUser = AuthSession.of("Helpdesk", "Credential",
                DataMap.of("username", sam + "@" + dc.domain), Secret.of("Abc-123-long-pass!"));
        assertThat(provider.getIdentity(sam, asUser).identityKey()).isEqualTo(sam);
        // an ordinary user may not disable accounts: the DC's refusal surfaces
        assertThatThrownBy(() -> provider.disableIdentity(sam, asUser)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("insufficient access rights (50)");
        AuthSession wrong = AuthSession.of("Helpdesk", "Credential",
                DataMap.of("username", sam + "@" + dc.domain), Secret.of("wrong"));
        assertThatThrownBy(() -> provider.getIdentity(sam, wrong)).hasMessageContaining("(49)");
        AuthSession token = AuthSession.of("Graph", "OAuth", null, Secret.of("t"));
        assertThatThrownBy(() -> provider.getIdentity(sam, token))
                .hasMessageContaining("accepts auth sessions of type 'Credential'");
    }

    @Test
    void startTlsWorksOnThePlainPort() {
        DataMap options = dc.options();
        options.put("tls", "startTLS");
        options.put("port", dc.startTlsPort);
        try (AdProvider p = dc.provider(options)) {
            assertThat(p.getIdentity("Administrator", null).enabled()).isTrue();
        }
    }

    @Test
    void aWrongTrustStoreFailsWithACertificateError(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other-ca.pem");
        new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                "/CN=Some other CA", "-keyout", dir.resolve("k.pem").toString(), "-out", other.toString())
                .redirectErrorStream(true).start().waitFor();
        assertThat(Files.exists(other)).isTrue();
        DataMap options = dc.options();
        options.put("trustStore", other.toString());
        try (AdProvider p = dc.provider(options)) {
            assertThatThrownBy(() -> p.getIdentity("Administrator", null)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("TLS certificate verification failed for ldaps://" + dc.host)
                    .hasMessageContaining(other.toString());
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() {
        DataMap options = dc.options();
        options.put("server", "127.0.0.2"); // the DC listens on loopback; its certificate names 127.0.0.1 only
        try (AdProvider p = dc.provider(options)) {
            assertThatThrownBy(() -> p.getIdentity("Administrator", null)).isInstanceOf(ProviderException.class);
        }
    }

}
