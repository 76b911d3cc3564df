package com.example.idle.wiki;

import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;
import java.util.HashMap;
import java.util.Map;

/**
 * The IdLE provider contract, run against the extension's provider. The wiki cannot create accounts, so identities
 * are seeded on the stand-in server; faults are played by the server answering 503 or 403. The capability tests
 * cover the extension's own {@code AcmeWiki.Space.Archive} too, because {@link WikiCapabilities} registers it.
 */
class WikiProviderContractTest extends ProviderContractTest {
    private final Map<Provider, WikiServer> servers = new HashMap<>();

    @Override
    protected Provider newProvider() {
        WikiServer server = new WikiServer();
        WikiProvider provider = new WikiProvider(server);
        servers.put(provider, server);
        return provider;
    }

    @Override
    protected String seedIdentity(Provider provider, String key) {
        servers.get(provider).addAccount(key, "Contract " + key);
        return key;
    }

    @Override
    protected Provider withTransientFailureOnNextCall(Provider provider, String method) {
        servers.get(provider).answerNextWith(503);
        return provider;
    }

    @Override
    protected Provider withPermanentFailureOnNextCall(Provider provider, String method) {
        servers.get(provider).answerNextWith(403);
        return provider;
    }
}
