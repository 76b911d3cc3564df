package dev.idle.provider.entraconnect;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Provider;
import dev.idle.spi.Secret;
import dev.idle.testkit.ProviderContractTest;

/**
 * The provider runs the testkit's contract suite. Only the capability checks apply (both advertised capabilities are
 * backed by DirectorySyncTrigger / DirectorySyncStatus, nothing else is implemented or advertised); the identity,
 * entitlement, session and error-marking groups report themselves skipped because the provider implements none of
 * their methods.
 */
class EntraConnectProviderContractTest extends ProviderContractTest {
    @Override
    protected Provider newProvider() {
        return new EntraConnectProvider(FakeRemoting.scheduler(DataMap.of("SyncCycleInProgress", false)), null);
    }

    @Override
    protected AuthSession authSession() {
        return AuthSession.of("EntraConnect", "Credential", DataMap.of("username", "CORP\\svc-sync"),
                Secret.of("contract-password"));
    }
}
