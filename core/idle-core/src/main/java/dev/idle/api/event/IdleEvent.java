package dev.idle.api.event;

import dev.idle.api.data.DataMap;
import java.time.Instant;

/**
 * One structured event of a run. {@code stepName} and {@code actor} are null when absent; {@code data} may be null.
 *
 * <p>Stability: stable.
 */
public record IdleEvent(Instant timestampUtc, String type, String message, String correlationId, String actor,
                        String stepName, DataMap data) {
}
