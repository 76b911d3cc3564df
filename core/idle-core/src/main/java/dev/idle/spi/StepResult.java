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
}
