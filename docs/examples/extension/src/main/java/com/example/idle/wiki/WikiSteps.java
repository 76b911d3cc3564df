package com.example.idle.wiki;

import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.List;

/**
 * The extension's step pack: catalog metadata (what the planner checks) and handlers (what runs). Registered in
 * {@code META-INF/services/dev.idle.spi.StepPack}.
 */
public final class WikiSteps implements StepPack {
    static final String DEFAULT_ALIAS = "Wiki";

    @Override
    public String name() {
        return "AcmeWiki.Steps";
    }

    @Override
    public List<StepMetadata> catalog() {
        return List.of(new StepMetadata(ArchivePersonalSpaceStep.TYPE, List.of(WikiCapabilities.SPACE_ARCHIVE.id()),
                List.of("IdentityKey"), StepMetadata.PROVIDER_KEYS, DEFAULT_ALIAS));
    }

    @Override
    public List<Step> steps() {
        return List.of(new ArchivePersonalSpaceStep());
    }
}
