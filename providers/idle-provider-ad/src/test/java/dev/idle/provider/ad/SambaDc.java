package dev.idle.provider.ad;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.idle.api.data.DataMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import dev.idle.testkit.TestEnvironment;

/**
 * The Samba AD DC started by {@code .ci/samba-dc.sh} (its env: {@code IDLE_AD_*} variables or {@code idle.ad.*}
 * system properties). Tests call {@link #require()}: without a DC they are skipped with the reason.
 */
final class SambaDc {
    static final String HOW = "no Samba AD DC configured (IDLE_AD_HOST unset): run `bash .ci/samba-dc.sh start` and "
            + "`eval \"$(bash .ci/samba-dc.sh env)\"` before the tests; .ci/run does both";

    final String host;
    final int port;
    final int startTlsPort;
    final String baseDn;
    final String domain;
    final String bindUpn;
    final Path passwordFile;
    final Path caFile;

    private SambaDc() {
        host = get("HOST");
        port = Integer.parseInt(get("PORT"));
        startTlsPort = Integer.parseInt(get("STARTTLS_PORT"));
        baseDn = get("BASE_DN");
        domain = get("DOMAIN");
        bindUpn = get("BIND_UPN");
        passwordFile = Path.of(get("PASSWORD_FILE"));
        caFile = Path.of(get("CA_FILE"));
    }

    static boolean available() {
        return raw("HOST") != null;
    }

    static SambaDc require() {
        // In CI (.ci/run, CI=true) the DC is always started: a missing one is a failure, never a silent skip.
        if (!available() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + HOW);
        }
        assumeTrue(available(), HOW);
        return new SambaDc();
    }

    private static String raw(String name) {
        String p = System.getProperty("idle.ad." + name.toLowerCase().replace('_', '.'));
        return p != null ? p : System.getenv("IDLE_AD_" + name);
    }

    private static String get(String name) {
        String v = raw(name);
        if (v == null) {
            throw new IllegalStateException("IDLE_AD_" + name + " is not set");
        }
        return v;
    }

    String password() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Host-file options for a provider bound as the domain administrator. */
    DataMap options() {
        return DataMap.of("type", "ad", "server", host, "port", port, "baseDn", baseDn,
                "trustStore", caFile.toString(),
                "auth", DataMap.of("type", "Credential", "username", bindUpn, "passwordFile", passwordFile.toString()));
    }

    AdProvider provider(DataMap options) {
        return (AdProvider) new AdProviderFactory().create("AD", options, TestEnvironment.at(Path.of(".").toAbsolutePath()));
    }

    /** An administrator connection for fixtures. */
    LDAPConnection admin() throws Exception {
        SSLUtil ssl = new SSLUtil(new TrustStoreTrustManager(pkcs12OfCa(), "changeit".toCharArray(), "PKCS12", true));
        LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), host, port);
        c.bind(bindUpn, password());
        return c;
    }

    private java.io.File pkcs12OfCa() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            ks.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        Path f = Files.createTempFile("idle-ad-ca", ".p12");
        try (var out = Files.newOutputStream(f)) {
            ks.store(out, "changeit".toCharArray());
        }
        f.toFile().deleteOnExit();
        return f.toFile();
    }

    /** Creates a fresh OU under the base DN and returns its DN. */
    String newOu(LDAPConnection c, String prefix) throws LDAPException {
        String dn = "OU=" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "," + baseDn;
        c.add(dn, new Attribute("objectClass", "top", "organizationalUnit"));
        return dn;
    }

    /** Creates a global security group in {@code ou}. */
    String newGroup(LDAPConnection c, String ou, String name) throws LDAPException {
        String dn = "CN=" + name + "," + ou;
        c.add(dn, new Attribute("objectClass", "top", "group"), new Attribute("sAMAccountName", name));
        return dn;
    }

    /** Deletes {@code dn} and everything below it. */
    static void deleteTree(LDAPConnection c, String dn) {
        try {
            DeleteRequest d = new DeleteRequest(dn);
            d.addControl(new SubtreeDeleteRequestControl());
            c.delete(d);
        } catch (LDAPException e) {
            // best effort
        }
    }

    static String attr(LDAPConnection c, String dn, String attr) throws LDAPException {
        var e = c.getEntry(dn, attr);
        return e == null ? null : e.getAttributeValue(attr);
    }

    static String findDn(LDAPConnection c, String base, String filter) throws LDAPException {
        var r = c.search(base, SearchScope.SUB, filter, "1.1");
        return r.getEntryCount() == 0 ? null : r.getSearchEntries().get(0).getDN();
    }
}
