package dev.idle.spi;

import java.util.List;

/**
 * A set of step types, discovered with {@link java.util.ServiceLoader}. Its catalog (metadata) is what plan build
 * uses; its handlers are what execution runs. A type may be in the catalog before it has a handler; running such a
 * step fails it with "No step handler registered".
 */
public interface StepPack {
    /** A name such as {@code IdLE.Steps.Common}; packs are consulted in name order. */
    String name();

    List<StepMetadata> catalog();

    List<Step> steps();
}
