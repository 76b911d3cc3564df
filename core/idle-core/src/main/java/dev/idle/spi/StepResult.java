package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What a step handler returns. Handlers signal failure by throwing; {@code extras} carries step-specific output
 * ({@code Data}, {@code State}, {@code Skipped}) that the engine keeps on the result.
 */
@API(status = STABLE, since = "0.1")
public record StepResult(boolean changed, DataMap extras) {
    public StepResult {
        extras = extras == null ? new DataMap() : extras;
    }

    public static StepResult changed(boolean changed) {
        return new StepResult(changed, new DataMap());
    }

    /**
     * The result of a step that made one provider call: {@code Changed} as the provider said (no result: no change),
     * and the provider's documented extra fields (e.g. Keycloak's {@code SessionsRevoked}) under {@code Output}, which
     * the result JSON shows as the step's {@code output} (redacted like every output).
     */
    @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
    public static StepResult of(ProviderResult result) {
        DataMap extras = new DataMap();
        if (result != null && !result.extras().isEmpty()) {
            extras.put(OUTPUT, result.extras());
        }
        return new StepResult(result != null && result.changed(), extras);
    }

    /** The extras key under which {@link #of(ProviderResult)} keeps the provider's output. */
    public static final String OUTPUT = "Output";
}
