package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link GraphAuth} remembers the session asked for last, so a batch does not hash its secret on every call: these
 * tests state that the shortcut never hands out a token of another session. OAuth sessions carry their token as the
 * secret, so the token returned shows which source answered; no network is involved.
 */
class GraphAuthSourceReuseTest {
    private final GraphAuth auth = new GraphAuth(
            new GraphClient(HttpClient.newHttpClient(), "https://graph.example/v1.0", Duration.ofSeconds(5),
                    Clock.systemUTC(), new ObjectMapper()),
            "login.example", null, Clock.systemUTC(), null);

    private static AuthSession oauth(String name, String token, String tenant) {
        return AuthSession.of(name, "OAuth", DataMap.of("tenantId", tenant), Secret.of(token));
    }

    @Test
    void anEqualSessionFoundAgainUsesTheSameSource() {
        assertThat(auth.token(oauth("s", "token-1", "t1"), "Graph")).isEqualTo("token-1");
        assertThat(auth.token(oauth("s", "token-1", "t1"), "Graph")).isEqualTo("token-1");
        assertThat(auth.credentialCount()).isEqualTo(1);
    }

    @Test
    void aChangedSecretGetsANewSourceAndItsOwnToken() {
        assertThat(auth.token(oauth("s", "token-1", "t1"), "Graph")).isEqualTo("token-1");
        assertThat(auth.token(oauth("s", "token-2", "t1"), "Graph")).isEqualTo("token-2");
        assertThat(auth.credentialCount()).isEqualTo(2);
    }

    @Test
    void alternatingSessionsEachGetTheirOwnToken() {
        AuthSession a = oauth("a", "token-a", "t1");
        AuthSession b = oauth("b", "token-b", "t2");
        assertThat(auth.token(a, "Graph")).isEqualTo("token-a");
        assertThat(auth.token(b, "Graph")).isEqualTo("token-b");
        assertThat(auth.token(a, "Graph")).isEqualTo("token-a");
        assertThat(auth.credentialCount()).isEqualTo(2);
    }

    @Test
    void theSameSessionObjectWithAChangedAttributeIsLookedUpAgain() {
        DataMap attributes = DataMap.of("tenantId", "t1");
        AuthSession s = AuthSession.of("s", "OAuth", attributes, Secret.of("token-1"));
        auth.token(s, "Graph");
        attributes.put("tenantId", "t2");
        auth.token(s, "Graph");
        assertThat(auth.credentialCount()).isEqualTo(2);
    }

    @Test
    void theProvidersDefaultSessionReadAfreshEachCallFollowsARotatedSecret() {
        AtomicReference<String> current = new AtomicReference<>("token-1");
        GraphAuth withDefault = new GraphAuth(
                new GraphClient(HttpClient.newHttpClient(), "https://graph.example/v1.0", Duration.ofSeconds(5),
                        Clock.systemUTC(), new ObjectMapper()),
                "login.example", null, Clock.systemUTC(), () -> oauth("Graph.auth", current.get(), "t1"));
        assertThat(withDefault.token(null, "Graph")).isEqualTo("token-1");
        assertThat(withDefault.token(null, "Graph")).isEqualTo("token-1");
        current.set("token-2");
        assertThat(withDefault.token(null, "Graph")).isEqualTo("token-2");
    }
}
