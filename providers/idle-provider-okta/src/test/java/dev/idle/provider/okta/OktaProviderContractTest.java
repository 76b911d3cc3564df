package dev.idle.provider.okta;

import dev.idle.api.data.DataMap;
import dev.idle.oktasim.OktaSimulator;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Provider;
import dev.idle.testkit.HttpSimulatorContractTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.idle.testkit.TestEnvironment;

/**
 * The Okta provider runs the whole contract suite against the Okta simulator over HTTP: identities are created
 * through the provider, sessions seeded through the simulator, faults injected as the simulator's 503/429 (transient)
 * and 403 (permanent) answers. Okta cannot tell whether sessions existed, so the provider declares that
 * RevokeSessions always reports changed. Delete is withheld unless allowDelete is set.
 */
class OktaProviderContractTest extends HttpSimulatorContractTest {
    private static OktaSimulator sim;
    private static String token;

    @BeforeAll
    static void startSimulator() {
        sim = OktaSimulator.start().pageSize(2);
        token = sim.newApiToken();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    static Provider provider(OktaSimulator sim, String token, boolean allowDelete) {
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_TEST_TOKEN", token);
        DataMap options = DataMap.of("type", "okta", "baseUrl", sim.baseUrl(), "allowDelete", allowDelete,
                "auth", DataMap.of("type", "ApiToken", "env", "OKTA_TEST_TOKEN"));
        return new OktaProviderFactory(env::get, java.time.Clock.systemUTC()).create("Okta", options,
                TestEnvironment.at(Path.of(".")));
    }

    /** The simulator behind {@link #newProvider()}. */
    protected OktaSimulator sim() {
        return sim;
    }

    @Override
    protected Provider newProvider() {
        return provider(sim, token, false);
    }

    @Override
    protected DataMap createAttributes(String key) {
        return DataMap.of("GivenName", "Contract", "Surname", "Test");
    }

    @Override
    protected Entitlement newEntitlement() {
        return Entitlement.of("Group", sim().addGroup("contract-" + hex()));
    }

    @Override
    protected String ensurableAttribute() {
        return "department";
    }

    @Override
    protected boolean seedSession(Provider provider, String key) {
        sim().addSession(sim().userId(key));
        return true;
    }

    @Override
    protected void failNextRequest(int status) {
        sim().failNext(status);
    }

    @Override
    protected Set<String> implementedButNotAdvertised() {
        return Set.of("IdLE.Identity.Delete");
    }
}
