/**
 * The engine's implementation. Not for outside use: nothing here is a contract, and any of it may change in any
 * release. Use {@code dev.idle.api} and {@code dev.idle.spi} instead.
 */
@API(status = INTERNAL, since = "0.1")
package dev.idle.internal.workflow;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
