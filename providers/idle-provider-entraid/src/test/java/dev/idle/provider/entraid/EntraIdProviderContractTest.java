package dev.idle.provider.entraid;

import dev.idle.graphsim.Fault;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Entra ID provider runs the whole provider contract against the Graph simulator, through the real
 * azure-identity client-credentials flow. Identities are UPNs (the provider accepts no other non-GUID keys) created
 * with {@code CreateIdentity}; entitlements are existing groups; faults are injected into the simulator.
 */
class EntraIdProviderContractTest extends ProviderContractTest {
    private static SimFixture fx;

    @BeforeAll
    static void startSimulator() {
        fx = SimFixture.start();
    }

    @AfterAll
    static void stopSimulator() {
        fx.sim.close();
    }

    @AfterEach
    void clearFaults() {
        fx.sim.clearFaults();
    }

    @Override
    protected Provider newProvider() {
        return fx.provider("allowDelete", true);
    }

    @Override
    protected String newIdentityKey() {
        return "contract-" + hex() + "@contoso.example";
    }

    @Override
    protected String unknownIdentityKey() {
        return "contract-missing-" + hex() + "@contoso.example";
    }

    @Override
    protected String entitlementKind() {
        return "Group";
    }

    @Override
    protected Entitlement newEntitlement() {
        return Entitlement.of("Group", fx.sim.addGroup("contract-group-" + hex()));
    }

    @Override
    protected String ensurableAttribute() {
        return "Department";
    }

    @Override
    protected boolean seedSession(Provider provider, String key) {
        fx.sim.addSessions(key, 2);
        return true;
    }

    @Override
    protected boolean revokeSessionsAlwaysReportsChanged() {
        return true; // Graph's revokeSignInSessions always answers {"value": true}
    }

    /** Every method starts by resolving the user: its first Graph call is a GET under /users. */
    @Override
    protected Provider withTransientFailureOnNextCall(Provider provider, String method) {
        fx.sim.injectFault(Fault.on("GET", "/v1\\.0/users.*").status(503).retryAfter(Duration.ofSeconds(1)));
        return provider;
    }

    @Override
    protected Provider withPermanentFailureOnNextCall(Provider provider, String method) {
        fx.sim.injectFault(Fault.on("GET", "/v1\\.0/users.*").status(403));
        return provider;
    }
}
