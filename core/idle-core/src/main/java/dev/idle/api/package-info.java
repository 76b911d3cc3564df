/**
 * The library API of IdLE for Java: load workflows and requests, build and export plans, invoke them, read results
 * and events. Start at {@link dev.idle.api.Idle} and {@link dev.idle.api.Host}.
 *
 * <p>Every public type carries an {@link org.apiguardian.api.API} status (docs/architecture.md explains them).
 */
package dev.idle.api;
