package dev.idle.provider.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class HttpClientsTest {
    @Test
    void plainHttpToALoopbackSimulatorSpeaksHttp11AndHttpsSpeaksHttp2() {
        HttpClient plain = HttpClients.builder(Duration.ofSeconds(3), null, URI.create("http://127.0.0.1:8080"))
                .build();
        HttpClient tls = HttpClients.builder(Duration.ofSeconds(3), null, URI.create("https://example.okta.com"))
                .build();

        assertThat(plain.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(tls.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void redirectsAreNeverFollowedAndTheConnectTimeoutAndTlsContextAreKept() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, null, null);

        HttpClient c = HttpClients.builder(Duration.ofSeconds(7), ssl, URI.create("https://graph.microsoft.com"))
                .build();

        assertThat(c.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(c.connectTimeout()).contains(Duration.ofSeconds(7));
        assertThat(c.sslContext()).isSameAs(ssl);
    }
}
