package dev.idle.api.event;

import dev.idle.api.data.DataMap;
import java.time.Instant;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * One structured event of a run. {@code stepName} and {@code actor} are null when absent; {@code data} may be null.
 */
@API(status = STABLE, since = "0.1")
public record IdleEvent(Instant timestampUtc, String type, String message, String correlationId, String actor,
                        String stepName, DataMap data) {
}
