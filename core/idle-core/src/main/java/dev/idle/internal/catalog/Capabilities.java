package dev.idle.internal.catalog;

import dev.idle.spi.Capability;
import dev.idle.spi.CapabilityRegistry;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Capability id normalisation: trimmed, deprecated aliases (such as {@code IdLE.Mailbox.Read}) mapped to the id
 * their definition names, sorted and unique case-insensitively. Aliases come from the installed
 * {@link CapabilityRegistry}; any other id keeps its spelling.
 */
public final class Capabilities {
    private Capabilities() {
    }

    public static List<String> normalise(Collection<String> ids) {
        TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (ids != null) {
            CapabilityRegistry registry = CapabilityRegistry.installed();
            for (String id : ids) {
                if (id == null || id.isBlank()) {
                    continue;
                }
                out.add(unaliased(registry, id.trim()));
            }
        }
        return List.copyOf(out);
    }

    private static String unaliased(CapabilityRegistry registry, String id) {
        return registry.find(id).filter(c -> !c.id().equalsIgnoreCase(id)).map(Capability::id).orElse(id);
    }
}
