package dev.idle.provider.support.http;

import dev.idle.spi.ProviderException;
import java.time.Duration;

/**
 * The classification of one failed answer: whether it is transient and, when it is, the least time the server asked
 * the next attempt to wait ({@code Retry-After}), else null. Providers word the message; the verdict sets the flags.
 */
public record FailureVerdict(boolean transientFailure, Duration minimumDelay) {
    /** A {@link ProviderException} with {@code message} and this verdict's flag and minimum delay. */
    public ProviderException toException(String message) {
        return new ProviderException(message, transientFailure, minimumDelay, null);
    }
}
