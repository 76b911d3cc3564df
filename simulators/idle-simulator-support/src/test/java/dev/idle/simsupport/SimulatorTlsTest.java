package dev.idle.simsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS listener with generated key material that the Graph and WinRM simulators share. */
class SimulatorTlsTest {
    @TempDir
    Path tmp;

    @Test
    void theListenerServesTlsThatOnlyTheSimulatorsTrustStoreAccepts() throws Exception {
        SimulatorHttpsServer listener = SimulatorHttpsServer.prepare(tmp.resolve("work"), "test-simulator");
        try {
            assertThat(listener.workDir()).isEqualTo(tmp.resolve("work"));
            assertThat(Files.exists(tmp.resolve("work").resolve("server.p12"))).isTrue();
            assertThat(listener.tls().trustStore()).isEqualTo(tmp.resolve("work").resolve("truststore.p12"));
            int port = listener.listen(0, "test-simulator", ex -> {
                ex.sendResponseHeaders(204, -1);
                ex.close();
            }).getAddress().getPort();
            URI uri = URI.create("https://127.0.0.1:" + port + "/");
            HttpClient trusting = HttpClient.newBuilder().sslContext(listener.tls().clientContext()).build();
            assertThat(trusting.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(204);
            HttpClient platformTrust = HttpClient.newHttpClient();
            assertThatThrownBy(() -> platformTrust.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding())).isInstanceOf(SSLHandshakeException.class);
        } finally {
            listener.close();
        }
        assertThat(Files.exists(tmp.resolve("work"))).as("a named work directory is kept").isTrue();
    }

    @Test
    void thePemCertificateIsTheServersWithSubjectAlternativeNamesForLoopback() throws Exception {
        SimulatorTls tls = SimulatorTls.create(tmp);
        String pem = tls.certificatePem();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(cert).isEqualTo(tls.certificate());
        List<String> names = cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
        assertThat(names).containsExactlyInAnyOrder("127.0.0.1", "localhost");
    }

    @Test
    void aTempWorkDirectoryIsRemovedOnClose() throws Exception {
        SimulatorHttpsServer listener = SimulatorHttpsServer.prepare(null, "test-simulator");
        Path dir = listener.workDir();
        assertThat(dir.getFileName().toString()).startsWith("idle-test-simulator-");
        listener.close();
        assertThat(Files.exists(dir)).isFalse();
    }
}
