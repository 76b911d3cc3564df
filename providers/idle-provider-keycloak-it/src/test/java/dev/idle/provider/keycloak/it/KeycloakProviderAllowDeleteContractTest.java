package dev.idle.provider.keycloak.it;

import java.util.Map;
import java.util.Set;

/** The contract suite again with {@code allowDelete: true}, so that the delete tests run against Keycloak too. */
class KeycloakProviderAllowDeleteContractTest extends KeycloakProviderContractTest {
    @Override
    protected Map<String, Object> options() {
        return Map.of("allowDelete", true);
    }

    @Override
    protected Set<String> implementedButNotAdvertised() {
        return Set.of();
    }
}
