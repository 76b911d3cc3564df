package dev.idle.provider.mock;

import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;

class MockProviderContractTest extends ProviderContractTest {
    @Override
    protected Provider newProviderWithIdentity(String key) {
        return MockProvider.builder().identity(key).build();
    }
}
