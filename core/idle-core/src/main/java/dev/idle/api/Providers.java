package dev.idle.api;

import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.Provider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What the host supplies to plan and run: providers by alias (case-insensitive) and an optional auth session broker.
 */
@API(status = STABLE, since = "0.1")
public final class Providers implements AutoCloseable {
    private final Map<String, Provider> byFoldedAlias;
    private final Map<String, String> spelling;
    private final AuthSessionBroker broker;

    private Providers(Map<String, Provider> byFoldedAlias, Map<String, String> spelling, AuthSessionBroker broker) {
        this.byFoldedAlias = byFoldedAlias;
        this.spelling = spelling;
        this.broker = broker;
    }

    public static Providers none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The provider under {@code alias}, or null. */
    public Provider get(String alias) {
        return alias == null ? null : byFoldedAlias.get(alias.toLowerCase(Locale.ROOT));
    }

    public boolean has(String alias) {
        return get(alias) != null;
    }

    /** Aliases as the host spelled them, sorted case-insensitively. */
    public Set<String> aliases() {
        Set<String> sorted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        sorted.addAll(spelling.values());
        return Collections.unmodifiableSet(sorted);
    }

    /** Null when the host configured none. */
    public AuthSessionBroker broker() {
        return broker;
    }

    /** Closes every provider once (file-backed providers write their state here). */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Provider p : new java.util.LinkedHashSet<>(byFoldedAlias.values())) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Builds a {@link Providers}. */
    @API(status = STABLE, since = "0.1")
    public static final class Builder {
        private final Map<String, Provider> byFoldedAlias = new LinkedHashMap<>();
        private final Map<String, String> spelling = new LinkedHashMap<>();
        private AuthSessionBroker broker;

        public Builder provider(String alias, Provider provider) {
            if (alias == null || alias.isBlank()) {
                throw new IllegalArgumentException("provider alias must not be blank");
            }
            String folded = alias.toLowerCase(Locale.ROOT);
            if (byFoldedAlias.containsKey(folded)) {
                throw new IllegalArgumentException("provider alias '" + alias + "' is defined twice");
            }
            byFoldedAlias.put(folded, provider);
            spelling.put(folded, alias);
            return this;
        }

        public Builder broker(AuthSessionBroker broker) {
            this.broker = broker;
            return this;
        }

        public Providers build() {
            return new Providers(Map.copyOf(byFoldedAlias), Map.copyOf(spelling), broker);
        }
    }
}
