package dev.idle.provider.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderFactory;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class KeycloakProviderFactoryTest {
    private final KeycloakProviderFactory factory = new KeycloakProviderFactory(name -> null);

    private static DataMap base() {
        return DataMap.of("baseUrl", "https://sso.example.com/", "realm", "acme",
                "auth", DataMap.of("type", "ClientSecret", "clientId", "idle-engine", "env", "KC_SECRET"));
    }

    @Test
    void isFoundByTypeKeycloak() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .map(ProviderFactory::type)).contains("keycloak");
    }

    @Test
    void readsOptionsWithDefaults() {
        KeycloakConfig c = factory.config("Identity", base(), Path.of("."));
        assertThat(c.baseUrl()).hasToString("https://sso.example.com");
        assertThat(c.realm()).isEqualTo("acme");
        assertThat(c.auth().realm()).isEqualTo("acme");
        assertThat(c.auth().clientId()).isEqualTo("idle-engine");
        assertThat(c.allowDelete()).isFalse();
        assertThat(c.revokeOfflineTokens()).isFalse();
        assertThat(c.sslContext()).isNull();
        assertThat(c.timeout().toSeconds()).isEqualTo(30);
    }

    @Test
    void plainHttpToARemoteKeycloakIsRefused() {
        DataMap remote = base();
        remote.put("baseUrl", "http://sso.example.com");
        assertThatThrownBy(() -> factory.config("Identity", remote, Path.of(".")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Keycloak provider 'Identity'")
                .hasMessageContaining("option 'baseUrl' must be an https URL")
                .hasMessageContaining("only for a loopback host");
    }

    @Test
    void plainHttpToALoopbackKeycloakIsAccepted() {
        DataMap local = base();
        local.put("baseUrl", "http://127.0.0.1:8080");
        assertThat(factory.config("Identity", local, Path.of(".")).baseUrl()).hasToString("http://127.0.0.1:8080");
    }

    @Test
    void deleteIsAdvertisedOnlyWithAllowDelete() {
        DataMap o = base();
        assertThat(new KeycloakProvider(factory.config("I", o, Path.of("."))).capabilities())
                .doesNotContain("IdLE.Identity.Delete").contains("IdLE.Identity.RevokeSessions");
        o.put("allowDelete", true);
        assertThat(new KeycloakProvider(factory.config("I", o, Path.of("."))).capabilities())
                .endsWith("IdLE.Identity.Delete");
    }

    @Test
    void rejectsInlineSecretsUnknownOptionsAndBadValues() {
        DataMap inline = base();
        inline.put("clientSecret", "x");
        assertThatThrownBy(() -> factory.config("I", inline, Path.of(".")))
                .hasMessageContaining("unknown option 'clientSecret'").hasMessageContaining("must not be written");

        DataMap inlineAuth = base();
        inlineAuth.getMap("auth").put("secret", "x");
        assertThatThrownBy(() -> factory.config("I", inlineAuth, Path.of(".")))
                .hasMessageContaining("auth.secret: secrets must not be written in the host file");

        DataMap both = base();
        both.getMap("auth").put("file", "s.txt");
        assertThatThrownBy(() -> factory.config("I", both, Path.of(".")))
                .hasMessageContaining("exactly one of 'env'");

        DataMap url = base();
        url.put("baseUrl", "sso.example.com");
        assertThatThrownBy(() -> factory.config("I", url, Path.of("."))).hasMessageContaining("option 'baseUrl'");

        DataMap noRealm = base();
        noRealm.remove("realm");
        assertThatThrownBy(() -> factory.config("I", noRealm, Path.of("."))).hasMessageContaining("'realm' is required");

        DataMap type = base();
        type.getMap("auth").put("type", "OAuth");
        assertThatThrownBy(() -> factory.config("I", type, Path.of("."))).hasMessageContaining("auth.type must be ClientSecret");

        DataMap store = base();
        store.put("trustStore", "does-not-exist.pem");
        assertThatThrownBy(() -> factory.config("I", store, Path.of("."))).hasMessageContaining("cannot load trustStore");
    }
}
