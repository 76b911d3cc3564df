package com.example.idle.wiki;

import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderResult;

/**
 * The extension's own provider method, behind capability {@value #CAPABILITY}: archive an identity's personal wiki
 * space. An already archived space reports no change.
 */
@FunctionalInterface
public interface SpaceArchiver {
    String CAPABILITY = "AcmeWiki.Space.Archive";
    String METHOD = "ArchivePersonalSpace";

    ProviderResult archivePersonalSpace(String identityKey, AuthSession session);
}
