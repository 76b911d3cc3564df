package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** An identity as a provider reads it: its key (as requested), whether it is enabled, and its attributes. */
@API(status = STABLE, since = "0.1")
public record Identity(String identityKey, boolean enabled, DataMap attributes) {
    public Identity {
        attributes = attributes == null ? new DataMap() : attributes;
    }

    /** The data-tree form used in request context ({@code IdentityKey}, {@code Enabled}, {@code Attributes}). */
    public DataMap toData() {
        return DataMap.of("IdentityKey", identityKey, "Enabled", enabled, "Attributes", attributes);
    }
}
