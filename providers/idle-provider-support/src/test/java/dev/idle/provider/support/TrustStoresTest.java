package dev.idle.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.spi.SecretReferences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates are made once with the JDK's keytool: two CAs, a PEM bundle of both, a PKCS12 and a JKS store. */
class TrustStoresTest {
    private static final String AT = "Test provider 't'";
    private static final char[] PASSWORD = "store-pw".toCharArray();

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        for (String ca : List.of("ca1", "ca2")) {
            keytool("-genkeypair", "-alias", ca, "-keyalg", "EC", "-dname", "CN=" + ca, "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", ca + ".p12", "-storepass", "key-pw");
            keytool("-exportcert", "-rfc", "-alias", ca, "-keystore", ca + ".p12", "-storepass", "key-pw",
                    "-file", ca + ".pem");
        }
        Files.writeString(dir.resolve("bundle.pem"), Files.readString(dir.resolve("ca1.pem"))
                + Files.readString(dir.resolve("ca2.pem")));
        for (String type : List.of("PKCS12", "JKS")) {
            keytool("-importcert", "-noprompt", "-alias", "ca1", "-file", "ca1.pem", "-storetype", type,
                    "-keystore", "trust." + type.toLowerCase(), "-storepass", new String(PASSWORD));
        }
        Files.writeString(dir.resolve("empty.pem"), "");
        Files.writeString(dir.resolve("not-a-certificate.pem"), "just text\n");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static List<String> trustedSubjects(KeyStore store) throws Exception {
        for (TrustManager tm : TrustStores.trustManagers(store)) {
            if (tm instanceof X509TrustManager x) {
                return Arrays.stream(x.getAcceptedIssuers()).map(X509Certificate::getSubjectX500Principal)
                        .map(Object::toString).sorted().toList();
            }
        }
        throw new AssertionError("no X509TrustManager");
    }

    @Test
    void aPemBundleIsTrustedCertificateByCertificate() throws Exception {
        KeyStore store = TrustStores.load(dir.resolve("bundle.pem"), TrustStores.Format.PEM, null);
        assertThat(TrustStores.isEmpty(store)).isFalse();
        assertThat(trustedSubjects(store)).containsExactly("CN=ca1", "CN=ca2");
    }

    @Test
    void anEmptyPemFileLoadsEmptyForTheCallerToRefuse() throws Exception {
        assertThat(TrustStores.isEmpty(TrustStores.load(dir.resolve("empty.pem"), TrustStores.Format.PEM, null)))
                .isTrue();
    }

    @Test
    void aPemFileWithoutCertificateDataIsACertificateError() {
        assertThatThrownBy(() -> TrustStores.load(dir.resolve("not-a-certificate.pem"), TrustStores.Format.PEM, null))
                .isInstanceOf(java.security.cert.CertificateException.class);
    }

    @Test
    void pkcs12AndJksStoresOpenWithTheirPassword() throws Exception {
        assertThat(trustedSubjects(TrustStores.load(dir.resolve("trust.pkcs12"), TrustStores.Format.PKCS12,
                PASSWORD))).containsExactly("CN=ca1");
        assertThat(trustedSubjects(TrustStores.load(dir.resolve("trust.jks"), TrustStores.Format.JKS, PASSWORD)))
                .containsExactly("CN=ca1");
    }

    @Test
    void aWrongStorePasswordIsAnErrorNotAFallbackToTheJdkTrust() {
        assertThatThrownBy(() -> TrustStores.load(dir.resolve("trust.pkcs12"), TrustStores.Format.PKCS12,
                "wrong".toCharArray())).isInstanceOf(IOException.class);
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> TrustStores.load(dir.resolve("none.pem"), TrustStores.Format.PEM, null))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void withoutAStoreTheJdkTrustApplies() throws Exception {
        assertThat(trustedSubjects(null)).isNotEmpty().doesNotContain("CN=ca1");
        assertThat(TrustStores.sslContext(null).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void theFormatFollowsTheFileName() {
        assertThat(TrustStores.Format.byFileName(Path.of("a/store.P12"))).isEqualTo(TrustStores.Format.PKCS12);
        assertThat(TrustStores.Format.byFileName(Path.of("store.pfx"))).isEqualTo(TrustStores.Format.PKCS12);
        assertThat(TrustStores.Format.byFileName(Path.of("store.jks"))).isEqualTo(TrustStores.Format.JKS);
        assertThat(TrustStores.Format.byFileName(Path.of("ca.crt"))).isEqualTo(TrustStores.Format.PEM);
    }

    @Test
    void theStorePasswordComesFromAVariableOrAFileNextToTheHostFile() throws Exception {
        Files.writeString(dir.resolve("store.password"), "from-file\n");
        SecretReferences secrets = SecretReferences.of(dir, null, Map.of("STORE_PW", "from-env")::get);
        assertThat(TrustStores.password(secrets, "STORE_PW", null, AT)).containsExactly("from-env".toCharArray());
        assertThat(TrustStores.password(secrets, null, "store.password", AT))
                .containsExactly("from-file".toCharArray());
        assertThat(TrustStores.password(secrets, null, null, AT)).isNull();
    }

    @Test
    void anUnreadableStorePasswordIsAHostFileErrorNamingTheOption() {
        SecretReferences secrets = SecretReferences.of(dir, null, Map.<String, String>of()::get);
        assertThatThrownBy(() -> TrustStores.password(secrets, "NOPE", null, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(AT + ": environment variable NOPE (trustStorePasswordEnv) is not set.");
        assertThatThrownBy(() -> TrustStores.password(secrets, null, "no-such.password", AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(AT + ": cannot read trustStorePasswordFile " + dir.resolve("no-such.password")
                        + ": NoSuchFileException");
    }
}
