package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Whether a provider operation only reads the backend or may change it. Every {@link CapabilityContract} and
 * {@link OptionalOperation} states one; a {@link Capability} is {@link #READ} only when all its operations are.
 *
 * <p>Dry runs, the blast-radius guard and plan previews rely on this classification, so it is conservative: an
 * operation that can change anything a later read would see (an identity, a grant, a mailbox setting, a sync
 * cycle started on a server) is {@link #WRITE}, even when it is idempotent and a repeated call reports no change.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Access {
    /** Only reads: calling it any number of times changes nothing in the backend. */
    READ,
    /** May change the backend. */
    WRITE
}
