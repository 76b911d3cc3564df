package dev.idle.internal.load;

import dev.idle.spi.ProviderFactory;
import java.net.URL;
import java.security.CodeSource;
import java.util.Map;
import java.util.TreeMap;

/**
 * Indexes provider factories by {@link ProviderFactory#type()}, case-insensitively. Two factories answering to one
 * type would make the host file ambiguous (until now the last one found silently won), so they are refused.
 */
public final class ProviderFactories {
    private ProviderFactories() {
    }

    /**
     * The factories by type, sorted case-insensitively.
     *
     * @throws IllegalStateException when two factories (of different classes) answer to the same type, naming both
     *                               classes and where they were loaded from
     */
    public static Map<String, ProviderFactory> byType(Iterable<ProviderFactory> factories) {
        Map<String, ProviderFactory> byType = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (ProviderFactory factory : factories) {
            ProviderFactory first = byType.putIfAbsent(factory.type(), factory);
            if (first != null && first.getClass() != factory.getClass()) {
                throw new IllegalStateException("Provider type '" + factory.type() + "' is defined by two factories: "
                        + describe(first.getClass()) + " and " + describe(factory.getClass())
                        + ". Remove one of them from the class path.");
            }
        }
        return byType;
    }

    private static String describe(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return type.getName() + (location == null ? "" : " (" + location + ")");
    }
}
