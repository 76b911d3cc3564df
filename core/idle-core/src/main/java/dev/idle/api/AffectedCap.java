package dev.idle.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The running cap of one batch run ({@link BatchRunner.Builder#maxAffected}): admits requests whose plan
 * {@link BlastRadius#affects affects} them until {@code max} were admitted; the next such request trips it, and from
 * then on no request is admitted at all, affected or not, so the batch ends like one that was stopped.
 *
 * <p>Thread-safe: workers admit concurrently, and never more than {@code max} affected requests get through.
 */
final class AffectedCap {
    private final long max;
    private final AtomicLong admitted = new AtomicLong();
    private volatile boolean reached;

    AffectedCap(long max) {
        this.max = max;
    }

    long max() {
        return max;
    }

    /** True once a request was refused: no further request may start. */
    boolean reached() {
        return reached;
    }

    /** True when the request of {@code plan} may run; counts it when it is affected. */
    boolean admit(Plan plan) {
        if (reached) {
            return false;
        }
        if (!BlastRadius.affects(plan)) {
            return true;
        }
        long n;
        do {
            n = admitted.get();
            if (n >= max) {
                reached = true;
                return false;
            }
        } while (!admitted.compareAndSet(n, n + 1));
        return true;
    }

    /** The error of a request the cap kept from running. */
    String why() {
        return "not run: the batch already ran " + max + (max == 1 ? " request" : " requests")
                + " that change something, the most it may (maxAffected " + max + ")";
    }
}
