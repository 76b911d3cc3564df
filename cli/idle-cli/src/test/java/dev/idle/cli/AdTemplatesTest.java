package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import com.unboundid.util.ssl.SSLUtil;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IdLE's AD joiner and leaver templates (corrected copies in examples/ad) through the CLI against the Samba AD DC of
 * {@code .ci/samba-dc.sh}; skipped when its environment ({@code IDLE_AD_*}) is absent. The capability test needs no DC.
 */
class AdTemplatesTest {
    private static final Path EXAMPLES = Path.of("..", "..", "examples", "ad");
    private static final String BASE = "DC=idle,DC=test";
    private static final String ROOT = "OU=IdLE," + BASE;
    private static final String GROUPS = "OU=Groups," + ROOT;
    private static final String USER_IN_STAFF = "CN=Nora Smith,OU=Staff," + ROOT;
    private static final String USER_DISABLED = "CN=Nora Smith,OU=Disabled," + ROOT;

    @Test
    void planningRevokeIdentitySessionsAgainstAdFailsSayingWhy(@TempDir Path dir) throws Exception {
        Path host = dir.resolve("host.yaml");
        Files.writeString(host, "providers:\n  Identity:\n    type: ad\n    server: dc01.corp.example\n"
                + "    baseDn: DC=corp,DC=example\n"
                + "    auth: { type: Credential, username: svc-idle@corp.example, passwordEnv: IDLE_AD_UNUSED }\n");
        CliRun plan = CliRun.of("plan", "--workflow", EXAMPLES.resolve("revoke-sessions.psd1").toString(),
                "--request", EXAMPLES.resolve("requests/ad-leaver.json").toString(), "--host", host.toString());
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.err()).contains("MissingCapabilities: IdLE.Identity.RevokeSessions")
                .contains("Active Directory cannot revoke sessions").contains("Kerberos")
                .contains("docs/providers/ad.md");
    }

    @Test
    void plainLdapInTheHostFileIsRefusedBeforeAnyBind(@TempDir Path dir) throws Exception {
        Path host = dir.resolve("host.yaml");
        Files.writeString(host, "providers:\n  Identity:\n    type: ad\n    url: ldap://127.0.0.1:1389\n"
                + "    baseDn: DC=corp,DC=example\n"
                + "    auth: { type: Credential, username: svc-idle@corp.example, passwordEnv: IDLE_AD_UNUSED }\n");
        CliRun plan = CliRun.of("plan", "--workflow", EXAMPLES.resolve("ad-leaver.psd1").toString(),
                "--request", EXAMPLES.resolve("requests/ad-leaver.json").toString(), "--host", host.toString());
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.err()).contains("option 'url' (ldap://127.0.0.1:1389) is plain LDAP, which is refused");
    }

    @Test
    void joinerThenLeaverAgainstTheSambaDcAndSecondRunsChangeNothing(@TempDir Path dir) throws Exception {
        if (System.getenv("IDLE_AD_HOST") == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but no Samba AD DC is configured (IDLE_AD_HOST unset)");
        }
        assumeTrue(System.getenv("IDLE_AD_HOST") != null, "no Samba AD DC configured (IDLE_AD_HOST unset): run "
                + "`bash .ci/samba-dc.sh start` and `eval \"$(bash .ci/samba-dc.sh env)\"`; .ci/run does both");
        Path caFile = Path.of(System.getenv("IDLE_AD_CA_FILE"));
        Path passwordFile = Path.of(System.getenv("IDLE_AD_PASSWORD_FILE"));
        String hostYaml = Files.readString(EXAMPLES.resolve("host.yaml"))
                .replace("/tmp/idle-samba-dc/tls/ca.pem", caFile.toString())
                .replace("/tmp/idle-samba-dc/admin.pass", passwordFile.toString());
        Path host = dir.resolve("host.yaml");
        Files.writeString(host, hostYaml);

        try (LDAPConnection admin = connect(caFile, Files.readString(passwordFile).trim())) {
            seed(admin);
            JsonNode joiner = run("ad-joiner", host, dir);
            assertThat(changedSteps(joiner)).contains("Create identity (if missing)", "Ensure core attributes",
                    "Ensure baseline group membership (1)", "Ensure baseline group membership (2)");
            SearchResultEntry user = admin.getEntry(USER_IN_STAFF);
            assertThat(user).as("user created in OU=Staff").isNotNull();
            assertThat(Integer.parseInt(user.getAttributeValue("userAccountControl")) & 2).as("enabled").isZero();
            assertThat(user.getAttributeValue("mail")).isEqualTo("nsmith@idle.test");
            assertThat(user.getAttributeValue("manager")).isEqualToIgnoringCase("CN=Mia Miller,OU=Staff," + ROOT);
            assertThat(user.getAttributeValues("memberOf")).containsExactlyInAnyOrder(
                    "CN=All Staff," + GROUPS, "CN=VPN Users," + GROUPS);
            assertThat(changedSteps(run("ad-joiner", host, dir))).as("second joiner run").isEmpty();

            JsonNode leaver = run("ad-leaver", host, dir);
            assertThat(changedSteps(leaver)).contains("Disable identity", "Stamp offboarding attributes",
                    "Prune group memberships (leaver)", "Move to Disabled OU (optional)");
            assertThat(admin.getEntry(USER_IN_STAFF)).isNull();
            SearchResultEntry left = admin.getEntry(USER_DISABLED);
            assertThat(left).as("moved to OU=Disabled").isNotNull();
            assertThat(Integer.parseInt(left.getAttributeValue("userAccountControl")) & 2).as("disable bit").isEqualTo(2);
            assertThat(left.getAttributeValues("memberOf")).as("joiner groups removed, retained group kept")
                    .containsExactly("CN=Leavers," + GROUPS);
            assertThat(left.getAttributeValue("description")).isEqualTo(
                    "Leaver (CorrelationId: ad-leaver-0001) - Resigned");
            assertThat(changedSteps(run("ad-leaver", host, dir))).as("second leaver run").isEmpty();
        }
    }

    private static JsonNode run(String name, Path host, Path dir) throws Exception {
        CliRun run = CliRun.of("invoke", "--workflow", EXAMPLES.resolve(name + ".psd1").toString(),
                "--request", EXAMPLES.resolve("requests").resolve(name + ".json").toString(),
                "--host", host.toString());
        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("status").asText()).isEqualTo("Completed");
        for (JsonNode step : result.get("steps")) {
            assertThat(step.get("status").asText()).as(step.get("name").asText()).isIn("Completed", "NotApplicable");
        }
        assertThat(run.out() + run.err()).doesNotContainIgnoringCase("unicodePwd");
        return result;
    }

    private static List<String> changedSteps(JsonNode result) {
        List<String> changed = new ArrayList<>();
        for (JsonNode step : result.get("steps")) {
            if (step.get("changed").asBoolean()) {
                changed.add(step.get("name").asText());
            }
        }
        return changed;
    }

    /** A fresh OU=IdLE tree: Staff (with the manager), Disabled, Groups (the template groups). */
    private static void seed(LDAPConnection c) throws LDAPException {
        DeleteRequest wipe = new DeleteRequest(ROOT);
        wipe.addControl(new SubtreeDeleteRequestControl());
        try {
            c.delete(wipe);
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                throw e;
            }
        }
        for (String ou : List.of(ROOT, "OU=Staff," + ROOT, "OU=Disabled," + ROOT, GROUPS)) {
            c.add(ou, new Attribute("objectClass", "top", "organizationalUnit"));
        }
        for (String g : List.of("All Staff", "VPN Users", "Sales", "Sales EMEA", "Leavers")) {
            c.add("CN=" + g + "," + GROUPS, new Attribute("objectClass", "top", "group"),
                    new Attribute("sAMAccountName", "idle-" + g.replace(' ', '-').toLowerCase()));
        }
        c.add("CN=Mia Miller,OU=Staff," + ROOT, new Attribute("objectClass", "top", "person", "organizationalPerson",
                "user"), new Attribute("sAMAccountName", "mmiller"));
    }

    private static LDAPConnection connect(Path caFile, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        LDAPConnection c = new LDAPConnection(new SSLUtil(tmf.getTrustManagers()).createSSLSocketFactory(),
                System.getenv("IDLE_AD_HOST"), Integer.parseInt(System.getenv("IDLE_AD_PORT")));
        c.bind(System.getenv("IDLE_AD_BIND_UPN"), password);
        return c;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
