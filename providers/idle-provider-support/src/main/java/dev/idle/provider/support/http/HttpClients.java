package dev.idle.provider.support.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The JDK {@link HttpClient} settings every HTTP provider starts from; build one client per provider instance and
 * send every call over it through an {@link HttpCaller}.
 */
public final class HttpClients {
    private HttpClients() {
    }

    /**
     * A builder with {@code connectTimeout}, redirects never followed (a credential must not follow a redirect to
     * another host), the TLS context {@code ssl} (null: the JDK's trust store), and the HTTP version for
     * {@code target}: HTTP/1.1 for plain {@code http} (a loopback simulator; no h2c upgrade), HTTP/2 through ALPN for
     * {@code https}.
     */
    public static HttpClient.Builder builder(Duration connectTimeout, SSLContext ssl, URI target) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version("http".equalsIgnoreCase(target.getScheme()) ? HttpClient.Version.HTTP_1_1
                        : HttpClient.Version.HTTP_2);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return b;
    }
}
