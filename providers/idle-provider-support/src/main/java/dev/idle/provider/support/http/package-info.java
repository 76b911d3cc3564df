/**
 * The HTTP call layer of the provider toolkit: {@link dev.idle.provider.support.http.HttpCaller} sends a request over
 * the JDK {@code HttpClient} through small links ({@link dev.idle.provider.support.http.HttpLink}): the provider's own,
 * the gate hook ({@link dev.idle.provider.support.http.CallGate}) and the target's shared write pace
 * ({@link dev.idle.provider.support.ratelimit.RateLimits}, when the provider set a rate limit), the debug call log
 * and the transport. Failures
 * are classified once ({@link dev.idle.provider.support.http.FailureClassifier}, with
 * {@link dev.idle.provider.support.http.RetryAfter}); providers keep only their auth header, how their error bodies
 * read and their paging. See {@code docs/extending.md}, section "Provider toolkit: HTTP".
 */
package dev.idle.provider.support.http;
