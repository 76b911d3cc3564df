package dev.idle.provider.mock;

import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;

/**
 * The mock in its default configuration (every catalog capability advertised, unknown identities fail) runs the whole
 * provider contract. Identities and sessions are seeded through the store; faults through {@code failOn} and
 * {@code failPermanentlyOn} on a second provider over the same store.
 */
class MockProviderContractTest extends ProviderContractTest {
    @Override
    protected Provider newProvider() {
        return MockProvider.builder().build();
    }

    @Override
    protected String seedIdentity(Provider provider, String key) {
        ((MockProvider) provider).store().put(key, new MockIdentity());
        return key;
    }

    @Override
    protected boolean seedSession(Provider provider, String key) {
        ((MockProvider) provider).store().get(key).session("contract-session", "ContractClient");
        return true;
    }

    @Override
    protected Provider withTransientFailureOnNextCall(Provider provider, String method) {
        return MockProvider.builder().failOn(method, 1).build(sameStore(provider));
    }

    @Override
    protected Provider withPermanentFailureOnNextCall(Provider provider, String method) {
        return MockProvider.builder().failPermanentlyOn(method).build(sameStore(provider));
    }

    private static MockBackend sameStore(Provider provider) {
        return MockBackend.inMemory(((MockProvider) provider).store());
    }
}
