package dev.idle.provider.keycloak.it;

import dev.idle.spi.Entitlement;
import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/** The idle-testkit provider contract against a real Keycloak (users and groups created in realm {@code acme}). */
@ExtendWith(RealKeycloak.class)
class KeycloakProviderContractTest extends ProviderContractTest {

    @Override
    protected Provider newProviderWithIdentity(String key) {
        RealKeycloak.fixture().createUser(key);
        return RealKeycloak.fixture().provider(Map.of());
    }

    @Override
    protected Entitlement newEntitlement() {
        String name = "contract-" + UUID.randomUUID().toString().replace("-", "");
        RealKeycloak.fixture().createGroup(name);
        return Entitlement.of("Group", "/" + name);
    }
}
