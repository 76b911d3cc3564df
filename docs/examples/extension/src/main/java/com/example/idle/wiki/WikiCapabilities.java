package com.example.idle.wiki;

import dev.idle.spi.Capability;
import dev.idle.spi.CapabilityPack;
import java.util.List;

/**
 * The extension's capability definitions, registered in {@code META-INF/services/dev.idle.spi.CapabilityPack}. Once
 * registered, the host refuses a provider that advertises {@code AcmeWiki.Space.Archive} without implementing
 * {@link SpaceArchiver}, and the contract testkit checks the capability like a built-in one.
 */
public final class WikiCapabilities implements CapabilityPack {
    static final Capability SPACE_ARCHIVE = Capability.of(SpaceArchiver.class);

    @Override
    public List<Capability> capabilities() {
        return List.of(SPACE_ARCHIVE);
    }
}
