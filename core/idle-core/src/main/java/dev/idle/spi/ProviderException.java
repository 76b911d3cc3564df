package dev.idle.spi;

import java.time.Duration;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A failure reported by a provider. A transient one (throttling, a 5xx, a timeout) makes the engine re-run the whole
 * step under the step's retry profile; {@link #minimumDelay()} carries a backend's {@code Retry-After}.
 */
@API(status = STABLE, since = "0.1")
public class ProviderException extends RuntimeException {
    private final boolean transientFailure;
    private final Duration minimumDelay;

    public ProviderException(String message) {
        this(message, false, null, null);
    }

    public ProviderException(String message, boolean transientFailure, Duration minimumDelay, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.minimumDelay = minimumDelay;
    }

    /** A failure worth retrying. */
    public static ProviderException transientFailure(String message) {
        return new ProviderException(message, true, null, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** The least time to wait before the next attempt, or null. */
    public Duration minimumDelay() {
        return minimumDelay;
    }

    /** True when {@code t} or any of its causes is a transient {@link ProviderException}. */
    public static boolean isTransient(Throwable t) {
        for (Throwable c : causeChain(t)) {
            if (c instanceof ProviderException p && p.isTransient()) {
                return true;
            }
        }
        return false;
    }

    /** {@code t} and its causes, each once, even when the chain loops back on itself. */
    private static java.util.List<Throwable> causeChain(Throwable t) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    /** The largest {@link #minimumDelay()} in the cause chain of {@code t}, or null. */
    public static Duration minimumDelayOf(Throwable t) {
        Duration best = null;
        for (Throwable c : causeChain(t)) {
            if (c instanceof ProviderException p && p.minimumDelay() != null
                    && (best == null || p.minimumDelay().compareTo(best) > 0)) {
                best = p.minimumDelay();
            }
        }
        return best;
    }
}
