package dev.idle.provider.okta;

import dev.idle.oktasim.OktaSimulator;
import dev.idle.spi.Provider;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract suite once more with {@code allowDelete: true}, so the delete tests run (deactivate, then delete). */
class OktaProviderDeleteContractTest extends OktaProviderContractTest {
    private static OktaSimulator deleteSim;
    private static String deleteToken;

    @BeforeAll
    static void startDeleteSimulator() {
        deleteSim = OktaSimulator.start();
        deleteToken = deleteSim.newApiToken();
    }

    @AfterAll
    static void stopDeleteSimulator() {
        deleteSim.close();
    }

    @Override
    protected OktaSimulator sim() {
        return deleteSim;
    }

    @Override
    protected Provider newProvider() {
        return provider(deleteSim, deleteToken, true);
    }

    @Override
    protected Set<String> implementedButNotAdvertised() {
        return Set.of();
    }
}
