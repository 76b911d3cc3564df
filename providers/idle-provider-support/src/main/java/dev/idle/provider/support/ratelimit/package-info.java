/**
 * Per-target write pacing shared by every thread of the JVM: {@link dev.idle.provider.support.ratelimit.RateLimit}
 * (a provider's setting), {@link dev.idle.provider.support.ratelimit.TargetLimiter} (one target's pacing, pause and
 * adaptive rate) and {@link dev.idle.provider.support.ratelimit.RateLimits} (the registry and its counters); and
 * {@link dev.idle.provider.support.ratelimit.SharedPace}, the seam through which several processes share one pace
 * (installed with {@code RateLimits.useSharedPace}).
 */
package dev.idle.provider.support.ratelimit;
