package dev.idle.provider.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CleartextTest {
    private static final String AT = "Demo provider 'demo'";

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.1.2.3", "http://[::1]:1234", "http://localhost",
            "http://LOCALHOST:9000", "HTTP://127.0.0.1", "http://[0:0:0:0:0:0:0:1]"})
    void plainHttpToLoopbackIsAllowed(String url) {
        URI uri = URI.create(url);
        assertThat(Cleartext.requireHttpsOrLoopback(uri, AT, "baseUrl")).isSameAs(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "https://10.0.0.1:8443/x", "HTTPS://sso.example.com",
            "https://[2001:db8::1]"})
    void httpsToAnyHostIsAllowed(String url) {
        URI uri = URI.create(url);
        assertThat(Cleartext.requireHttpsOrLoopback(uri, AT, "baseUrl")).isSameAs(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "http://10.0.0.1:8080", "http://127.0.0.1.example.com",
            "http://localhost.example.com", "http://128.0.0.1", "http://[2001:db8::1]", "http://[::2]",
            "http://327.0.0.1", "ftp://127.0.0.1", "localhost:8080", "//127.0.0.1:8080"})
    void anythingElseIsRefusedNamingProviderOptionAndRule(String url) {
        assertThatThrownBy(() -> Cleartext.requireHttpsOrLoopback(URI.create(url), AT, "tokenUrl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(AT + ": option 'tokenUrl' must be an https URL")
                .hasMessageContaining("plain http is allowed only for a loopback host");
    }

    @Test
    void loopbackIsDecidedWithoutDns() {
        assertThat(Cleartext.isLoopback("localhost")).isTrue();
        assertThat(Cleartext.isLoopback("127.0.0.1")).isTrue();
        assertThat(Cleartext.isLoopback("[::1]")).isTrue();
        assertThat(Cleartext.isLoopback("10.0.0.1")).isFalse();
        assertThat(Cleartext.isLoopback("localhost.example.com")).isFalse();
        // a name that would fall through to a DNS lookup in InetAddress.getByName is decided by its text alone
        assertThat(Cleartext.isLoopback("127.0.0.1.nip.io")).isFalse();
        assertThat(Cleartext.isLoopback("1.2.3.4.5")).isFalse();
    }
}
