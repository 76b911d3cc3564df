package dev.idle.spi;

/**
 * One item of a bulk grant or revoke: {@code error} non-null means this item failed (the others may have
 * succeeded), which prune steps report as skipped.
 */
public record BulkResult(String operation, String identityKey, boolean changed, String error, Entitlement entitlement) {
}
