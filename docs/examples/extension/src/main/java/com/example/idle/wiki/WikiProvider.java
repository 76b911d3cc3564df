package com.example.idle.wiki;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.util.function.Function;

/**
 * Acme Wiki accounts as an IdLE provider: reads and disables accounts (IdLE's own capabilities) and archives
 * personal spaces (this extension's {@link SpaceArchiver}). It cannot create accounts; the wiki provisions them
 * itself on first sign-in. It does not override {@link Provider#capabilities()}: by default a provider advertises
 * exactly the capabilities whose interfaces it implements, here {@code IdLE.Identity.Read},
 * {@code IdLE.Identity.Disable} and {@code AcmeWiki.Space.Archive}.
 *
 * <p>Backend errors are translated once, in {@link #call}: throttling and outages (429, 502-504) become transient
 * {@link ProviderException}s, which the engine retries; everything else is permanent.
 */
public final class WikiProvider implements Provider, IdentityReader, IdentityDisabler, SpaceArchiver {
    private final WikiServer server;

    public WikiProvider(WikiServer server) {
        this.server = server;
    }

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        return call(identityKey, a -> new Identity(identityKey, a.enabled,
                DataMap.of("DisplayName", a.displayName, "SpaceArchived", a.spaceArchived)));
    }

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return call(identityKey, a -> {
            boolean changed = a.enabled;
            a.enabled = false;
            return ProviderResult.of(ProviderMethods.DISABLE_IDENTITY, identityKey, changed);
        });
    }

    @Override
    public ProviderResult archivePersonalSpace(String identityKey, AuthSession session) {
        return call(identityKey, a -> {
            boolean changed = !a.spaceArchived;
            a.spaceArchived = true;
            return ProviderResult.of(SpaceArchiver.METHOD, identityKey, changed);
        });
    }

    private <T> T call(String identityKey, Function<WikiServer.Account, T> action) {
        try {
            return action.apply(server.request(identityKey));
        } catch (WikiServer.HttpError e) {
            boolean retryable = e.status() == 429 || (e.status() >= 502 && e.status() <= 504);
            throw new ProviderException("Acme Wiki: " + e.getMessage(), retryable, null, e);
        }
    }
}
