package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EntraIdProviderFactoryTest {
    private static final ProviderFactory.Environment ENV = new ProviderFactory.Environment() {
        @Override
        public Path baseDirectory() {
            return Path.of(".");
        }

        @Override
        public Map<String, Object> shared() {
            return new HashMap<>();
        }
    };

    private static Provider create(DataMap options) {
        return new EntraIdProviderFactory(name -> null).create("Identity", options, ENV);
    }

    @Test
    void serviceLoaderFindsTheFactoryUnderTypeEntraid() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .map(ProviderFactory::type)).contains("entraid");
    }

    @Test
    void deleteIsAdvertisedOnlyWhenAllowed() {
        assertThat(create(new DataMap()).capabilities()).doesNotContain("IdLE.Identity.Delete")
                .contains("IdLE.Identity.RevokeSessions", "IdLE.Entitlement.Prune");
        assertThat(create(DataMap.of("allowDelete", true)).capabilities()).last().isEqualTo("IdLE.Identity.Delete");
    }

    @Test
    void unknownOptionsAndInlineSecretsAreRejected() {
        assertThatThrownBy(() -> create(DataMap.of("trustAll", true)))
                .hasMessageContaining("unknown option 'trustAll'");
        assertThatThrownBy(() -> create(DataMap.of("auth", DataMap.of("type", "ClientSecret", "tenantId", "t",
                "clientId", "c", "clientSecret", "s3cr3t"))))
                .hasMessageContaining("unknown key 'clientSecret'").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> create(DataMap.of("auth", DataMap.of("type", "ClientSecret", "tenantId", "t",
                "clientId", "c")))).hasMessageContaining("names no secret");
    }

    @Test
    void plainHttpIsRefusedForGraphAndTheAuthority() {
        assertThatThrownBy(() -> create(DataMap.of("baseUrl", "http://127.0.0.1:1/v1.0")))
                .hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> create(DataMap.of("authorityHost", "http://127.0.0.1:1")))
                .hasMessageContaining("must use https");
    }

    @Test
    void aCallWithoutSessionOrAuthOptionFailsClearlyInsteadOfSendingAPlaceholderToken() {
        EntraIdProvider p = (EntraIdProvider) create(DataMap.of("baseUrl", "https://127.0.0.1:1/v1.0"));

        assertThatThrownBy(() -> p.getIdentity("a@b.example", null))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no credentials")
                .hasMessageContaining("no 'auth' option");
    }

    @Test
    void anUnsetSecretVariableIsReportedByName() {
        EntraIdProvider p = (EntraIdProvider) create(DataMap.of("baseUrl", "https://127.0.0.1:1/v1.0",
                "auth", DataMap.of("type", "ClientSecret", "tenantId", "t", "clientId", "c", "env", "NOPE_SECRET")));

        assertThatThrownBy(() -> p.getIdentity("a@b.example", null))
                .hasMessageContaining("environment variable NOPE_SECRET is not set");
    }
}
