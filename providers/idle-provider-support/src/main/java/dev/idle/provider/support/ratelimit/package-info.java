/**
 * Per-target write pacing shared by every thread of the JVM: {@link dev.idle.provider.support.ratelimit.RateLimit}
 * (a provider's setting), {@link dev.idle.provider.support.ratelimit.TargetLimiter} (one target's pacing, pause and
 * adaptive rate) and {@link dev.idle.provider.support.ratelimit.RateLimits} (the registry and its counters).
 */
package dev.idle.provider.support.ratelimit;
