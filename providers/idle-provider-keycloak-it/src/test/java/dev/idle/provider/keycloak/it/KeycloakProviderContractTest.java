package dev.idle.provider.keycloak.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The idle-testkit provider contract against a real Keycloak (realm {@code acme}), in the provider's default
 * configuration: delete is implemented but withheld until {@code allowDelete: true}
 * (see {@link KeycloakProviderAllowDeleteContractTest}). Sessions are seeded by real password logins; faults are
 * injected by a {@link FaultProxy} in front of the server.
 */
@ExtendWith(RealKeycloak.class)
class KeycloakProviderContractTest extends ProviderContractTest {
    private static FaultProxy proxy;

    /** Options of the provider under test besides baseUrl, realm and auth. */
    protected Map<String, Object> options() {
        return Map.of();
    }

    @Override
    protected Provider newProvider() {
        return RealKeycloak.fixture().provider(options());
    }

    @Override
    protected Set<String> implementedButNotAdvertised() {
        return Set.of("IdLE.Identity.Delete");
    }

    @Override
    protected DataMap createAttributes(String key) {
        // A complete profile, so that the user can log in (seedSession) without a pending profile update.
        return DataMap.of("FirstName", "Contract", "LastName", "Test", "Email", key + "@example.test",
                "EmailVerified", true);
    }

    @Override
    protected String entitlementKind() {
        return "Group";
    }

    @Override
    protected Entitlement newEntitlement() {
        String name = "contract-" + hex();
        RealKeycloak.fixture().createGroup(name);
        return Entitlement.of("Group", "/" + name);
    }

    @Override
    protected boolean seedSession(Provider provider, String key) {
        RealKeycloak.Fixture kc = RealKeycloak.fixture();
        String id = kc.user(key).path("id").asText();
        ObjectNode password = KeycloakServer.JSON.createObjectNode().put("type", "password")
                .put("value", RealKeycloak.PASSWORD).put("temporary", false);
        kc.kc().admin("PUT", RealKeycloak.REALM + "/users/" + id + "/reset-password", password);
        kc.login(key, false);
        return true;
    }

    @Override
    protected Provider withTransientFailureOnNextCall(Provider provider, String method) {
        return armed(FaultProxy.UNAVAILABLE);
    }

    @Override
    protected Provider withPermanentFailureOnNextCall(Provider provider, String method) {
        return armed(FaultProxy.REJECTED);
    }

    private Provider armed(FaultProxy.Fault fault) {
        synchronized (KeycloakProviderContractTest.class) {
            if (proxy == null) {
                try {
                    proxy = new FaultProxy(RealKeycloak.fixture().server.baseUrl());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Map<String, Object> options = new java.util.HashMap<>(options());
        options.put("baseUrl", proxy.baseUrl());
        Provider p = RealKeycloak.fixture().provider(options);
        proxy.failNextAdminRequest(fault);
        return p;
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
