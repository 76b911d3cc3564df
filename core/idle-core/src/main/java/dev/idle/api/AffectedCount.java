package dev.idle.api;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What a planning pass ({@link BatchRunner#countAffected}) found: how many requests would change something, before
 * any of them runs.
 *
 * @param requests every request of the source, selected or not (the base of a percentage in {@link MaxAffected})
 * @param planned  selected requests for which a plan was built
 * @param invalid  selected requests that are not valid or got no plan (they would be recorded {@code Invalid})
 * @param affected planned requests whose plan {@link BlastRadius#affects affects} them
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AffectedCount(long requests, long planned, long invalid, long affected) {
    /** The requests the pass looked at: {@code planned + invalid}. */
    public long selected() {
        return planned + invalid;
    }
}
