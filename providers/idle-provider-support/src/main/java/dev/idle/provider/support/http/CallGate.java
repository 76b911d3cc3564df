package dev.idle.provider.support.http;

/**
 * The hook where a per-target rate limiter sits: {@link HttpCaller} calls {@link #enter} exactly once before every
 * request it sends (token requests and paging requests included), and sends only when it returns. The default,
 * {@link #OPEN}, lets every call through at once; a custom limiter (an embedding host's own) blocks here until the
 * target has a permit. The built-in per-target write pace, shared JVM-wide, is set with
 * {@link HttpCaller.Builder#rateLimit} instead and runs right after the gate.
 *
 * <p>The target is the key limits are kept under: by default the origin of the request ({@code
 * https://graph.microsoft.com}), or what the provider set with {@link HttpCaller.Builder#target}.
 *
 * <p>How it fails: {@link InterruptedException} when the waiting thread is interrupted (the call then fails as a
 * permanent {@link dev.idle.spi.ProviderException} and the interrupt flag is restored); a gate may also refuse a call
 * by throwing a {@link dev.idle.spi.ProviderException} itself (transient when the caller should come back later).
 *
 * <p>Thread-safety: one gate serves every thread of a provider (and may serve several providers); implementations
 * must be thread-safe.
 */
@FunctionalInterface
public interface CallGate {
    /** Lets every call through at once. */
    CallGate OPEN = target -> {
    };

    /** Returns when a call to {@code target} may be sent. */
    void enter(String target) throws InterruptedException;
}
