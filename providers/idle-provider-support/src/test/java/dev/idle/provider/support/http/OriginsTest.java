package dev.idle.provider.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OriginsTest {
    private static final URI BASE = URI.create("https://example.okta.com");

    @Test
    void aLinkOnTheConfiguredOriginIsTheSameOriginWhateverCaseAndDefaultPort() {
        assertThat(Origins.same(URI.create("https://EXAMPLE.okta.com/api/v1/users?after=x"), BASE)).isTrue();
        assertThat(Origins.same(URI.create("https://example.okta.com:443/api/v1/users"), BASE)).isTrue();
    }

    @Test
    void anotherHostSchemeOrPortIsAnotherOrigin() {
        assertThat(Origins.same(URI.create("https://evil.example/api/v1/users"), BASE)).isFalse();
        assertThat(Origins.same(URI.create("http://example.okta.com/api/v1/users"), BASE)).isFalse();
        assertThat(Origins.same(URI.create("https://example.okta.com:8443/api/v1/users"), BASE)).isFalse();
        assertThat(Origins.same(URI.create("/api/v1/users"), BASE)).isFalse();
    }

    @Test
    void theOriginOfAUrlIsSchemeAndAuthority() {
        assertThat(Origins.of(URI.create("https://graph.microsoft.com/v1.0/users?$top=5")))
                .isEqualTo(URI.create("https://graph.microsoft.com"));
    }
}
