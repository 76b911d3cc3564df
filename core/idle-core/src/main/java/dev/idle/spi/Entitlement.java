package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/** An entitlement (group, role, administrative unit ...): its kind, its canonical id, optional extra fields. */
@API(status = STABLE, since = "0.1")
public record Entitlement(String kind, String id, DataMap extras) {
    public Entitlement {
        extras = extras == null ? new DataMap() : extras;
    }

    public static Entitlement of(String kind, String id) {
        return new Entitlement(kind, id, new DataMap());
    }

    /**
     * {@code e} with kind and id trimmed, for a provider about to act on an entitlement from a workflow.
     *
     * @throws IllegalArgumentException {@code Entitlement.Kind must not be empty.} or
     *                                  {@code Entitlement.Id must not be empty.}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static Entitlement requireKindAndId(Entitlement e) {
        if (e == null || e.kind() == null || e.kind().isBlank()) {
            throw new IllegalArgumentException("Entitlement.Kind must not be empty.");
        }
        if (e.id() == null || e.id().isBlank()) {
            throw new IllegalArgumentException("Entitlement.Id must not be empty.");
        }
        return new Entitlement(e.kind().trim(), e.id().trim(), e.extras());
    }

    /** Same kind (case-insensitive) and same id (ordinal, case-insensitive). */
    public boolean sameAs(Entitlement other) {
        return kind.equalsIgnoreCase(other.kind) && id.equalsIgnoreCase(other.id);
    }

    /** The data-tree form ({@code Kind}, {@code Id}, extras). */
    public DataMap toData() {
        DataMap m = DataMap.of("Kind", kind, "Id", id);
        m.putAll(extras);
        return m;
    }
}
