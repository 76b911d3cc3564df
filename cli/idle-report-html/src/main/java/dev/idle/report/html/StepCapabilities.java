package dev.idle.report.html;

import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The capabilities each step type needs, from the step packs on the class path (the export does not carry them:
 * they follow from the step type). A type no pack defines needs nothing that is known here: an empty list.
 */
final class StepCapabilities {
    private StepCapabilities() {
    }

    /** A lookup over the step packs {@link ServiceLoader} finds now. */
    static Function<String, List<String>> discover() {
        Map<String, List<String>> byType = new HashMap<>();
        ServiceLoader<StepPack> packs = ServiceLoader.load(StepPack.class, StepCapabilities.class.getClassLoader());
        for (StepPack pack : packs) {
            for (StepMetadata m : pack.catalog()) {
                byType.putIfAbsent(m.type().toLowerCase(Locale.ROOT), m.requiredCapabilities());
            }
        }
        return type -> type == null ? List.of() : byType.getOrDefault(type.toLowerCase(Locale.ROOT), List.of());
    }
}
