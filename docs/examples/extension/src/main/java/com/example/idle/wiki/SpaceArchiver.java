package com.example.idle.wiki;

import dev.idle.spi.Access;
import dev.idle.spi.AuthSession;
import dev.idle.spi.CapabilityContract;
import dev.idle.spi.ProviderResult;

/**
 * The extension's own capability: archive an identity's personal wiki space. An already archived space reports no
 * change. The annotation is the capability's whole definition; {@link WikiCapabilities} registers it with the
 * engine.
 */
@CapabilityContract(id = SpaceArchiver.CAPABILITY, method = SpaceArchiver.METHOD, access = Access.WRITE)
@FunctionalInterface
public interface SpaceArchiver {
    String CAPABILITY = "AcmeWiki.Space.Archive";
    String METHOD = "ArchivePersonalSpace";

    ProviderResult archivePersonalSpace(String identityKey, AuthSession session);
}
