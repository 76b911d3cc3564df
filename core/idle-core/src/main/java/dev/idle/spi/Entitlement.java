package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

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
