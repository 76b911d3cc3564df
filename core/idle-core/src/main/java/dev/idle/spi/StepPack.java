package dev.idle.spi;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A set of step types, discovered with {@link java.util.ServiceLoader}. Its catalog (metadata) is what plan build
 * uses; its handlers are what execution runs. A type may be in the catalog before it has a handler; running such a
 * step fails it with "No step handler registered".
 */
@API(status = STABLE, since = "0.1")
public interface StepPack {
    /** A name such as {@code IdLE.Steps.Common}; packs are consulted in name order. */
    String name();

    List<StepMetadata> catalog();

    List<Step> steps();
}
