package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What a changing provider method returns: the operation (IdLE's method name), the identity it acted on, whether
 * anything changed, and optional extra fields (e.g. {@code TargetContainer}).
 */
@API(status = STABLE, since = "0.1")
public record ProviderResult(String operation, String identityKey, boolean changed, DataMap extras) {
    public ProviderResult {
        extras = extras == null ? new DataMap() : extras;
    }

    public static ProviderResult of(String operation, String identityKey, boolean changed) {
        return new ProviderResult(operation, identityKey, changed, new DataMap());
    }
}
