package com.example.idle.wiki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.Host;
import dev.idle.api.IdleInputException;
import dev.idle.api.data.DataMap;
import dev.idle.spi.Access;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Capability;
import dev.idle.spi.CapabilityPack;
import dev.idle.spi.CapabilityRegistry;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Operation;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import dev.idle.testkit.CapabilityCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The extension's capability is registered through ServiceLoader, and the engine holds providers to it. */
class WikiCapabilitiesTest {

    /**
     * Test-only provider type {@code acme-wiki-liar}: reads accounts but advertises the archive capability too,
     * without implementing {@link SpaceArchiver}.
     */
    public static final class LyingWikiFactory implements ProviderFactory {
        @Override
        public String type() {
            return "acme-wiki-liar";
        }

        @Override
        public Provider create(String alias, DataMap options, Environment env) {
            return new LyingWiki();
        }
    }

    static final class LyingWiki implements Provider, IdentityReader {
        @Override
        public List<String> capabilities() {
            return List.of("IdLE.Identity.Read", SpaceArchiver.CAPABILITY);
        }

        @Override
        public Identity getIdentity(String identityKey, AuthSession session) {
            return new Identity(identityKey, true, new DataMap());
        }
    }

    @Test
    void serviceLoaderFindsTheCapabilityPackAndTheEngineKnowsTheCapability() {
        assertThat(ServiceLoader.load(CapabilityPack.class)).anyMatch(p -> p instanceof WikiCapabilities);

        Capability archive = CapabilityRegistry.installed().find("acmewiki.space.archive").orElseThrow();

        assertThat(archive.id()).isEqualTo(SpaceArchiver.CAPABILITY);
        assertThat(archive.operations()).extracting(Operation::contract, Operation::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SpaceArchiver.class, SpaceArchiver.METHOD));
        assertThat(archive.access()).isEqualTo(Access.WRITE);
        assertThat(CapabilityCatalog.backing(SpaceArchiver.CAPABILITY)).as("the testkit sees it too").isPresent();
    }

    @Test
    void theWikiProviderAdvertisesExactlyWhatItImplements() {
        assertThat(new WikiProvider(new WikiServer()).capabilities())
                .containsExactly("IdLE.Identity.Read", "IdLE.Identity.Disable", SpaceArchiver.CAPABILITY);
    }

    @Test
    void aProviderAdvertisingSpaceArchiveWithoutImplementingItIsRefusedAtHostLoad() {
        DataMap host = DataMap.of("providers", DataMap.of("Wiki", DataMap.of("type", "acme-wiki-liar")));

        IdleInputException e = catchThrowableOfType(
                () -> Host.fromData(host, Path.of("."), "host.yaml", Map.<String, String>of()::get),
                IdleInputException.class);

        assertThat(e.problems()).singleElement().asString()
                .startsWith("host.yaml: providers.Wiki: Provider 'Wiki' (type 'acme-wiki-liar', ")
                .contains("advertises capability 'AcmeWiki.Space.Archive' (needs SpaceArchiver.ArchivePersonalSpace)"
                        + " but does not implement it");
    }
}
