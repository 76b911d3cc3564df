/**
 * Retries inside one provider call, on Failsafe. Step calls are never retried here: the engine's retry loop owns them.
 */
package dev.idle.provider.support.retry;
