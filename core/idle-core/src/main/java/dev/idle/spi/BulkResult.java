package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * One item of a bulk grant or revoke: {@code error} non-null means this item failed (the others may have
 * succeeded), which prune steps report as skipped.
 */
@API(status = STABLE, since = "0.1")
public record BulkResult(String operation, String identityKey, boolean changed, String error, Entitlement entitlement) {
}
