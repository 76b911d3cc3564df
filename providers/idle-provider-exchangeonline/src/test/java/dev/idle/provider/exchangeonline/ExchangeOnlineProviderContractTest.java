package dev.idle.provider.exchangeonline;

import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;
import org.junit.jupiter.api.AfterAll;

/**
 * The provider contract suite on the Exchange Online provider. Only the capability checks apply (the suite's
 * identity, entitlement, session and error-marking groups test interfaces this provider does not implement and are
 * skipped); mailbox behaviour is covered by {@link ExchangeOnlineProviderSimulatorTest}.
 */
class ExchangeOnlineProviderContractTest extends ProviderContractTest {
    private static ExoSim env;

    @Override
    protected Provider newProvider() {
        synchronized (ExchangeOnlineProviderContractTest.class) {
            if (env == null) {
                env = new ExoSim();
            }
        }
        return env.provider();
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
            env = null;
        }
    }
}
