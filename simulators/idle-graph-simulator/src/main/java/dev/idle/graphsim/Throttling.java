package dev.idle.graphsim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulator's deliberate failures: injected {@link Fault}s (consumed in the order added) and the per-client write
 * throttle (a sliding window of accepted writes; a write beyond it answers 429 {@code TooManyRequests} with
 * {@code Retry-After}). Thread-safe on the simulator's lock; a fault's stall sleeps outside it.
 */
final class Throttling {
    private record Throttle(int writes, Duration window, Duration retryAfter) {
    }

    private final Object lock;
    private final RequestJournal journal;
    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, ArrayDeque<Instant>> writeWindows = new HashMap<>();
    private volatile Throttle throttle;

    Throttling(Object lock, RequestJournal journal) {
        this.lock = lock;
        this.journal = journal;
    }

    /** Validates a throttle setting; see {@link GraphSimulator#throttle(int, Duration, Duration)}. */
    static void check(int writes, Duration window, Duration retryAfter) {
        if (writes < 1 || window == null || window.isNegative() || window.isZero() || retryAfter == null
                || retryAfter.isNegative()) {
            throw new IllegalArgumentException("throttle needs writes >= 1, a positive window and a retryAfter >= 0");
        }
    }

    void throttle(int writes, Duration window, Duration retryAfter) {
        check(writes, window, retryAfter);
        synchronized (lock) {
            throttle = new Throttle(writes, window, retryAfter);
            writeWindows.clear();
        }
    }

    void noThrottle() {
        synchronized (lock) {
            throttle = null;
            writeWindows.clear();
        }
    }

    void inject(Fault fault) {
        synchronized (lock) {
            faults.add(Objects.requireNonNull(fault));
        }
    }

    void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    /** Plays the first fault matching the request, if any: its stall, then its status as a Graph error. */
    void applyFault(String method, String path) {
        Fault hit = null;
        synchronized (lock) {
            for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
                Fault f = it.next();
                if (f.matches(method, path)) {
                    f.remaining--;
                    if (f.remaining <= 0) {
                        it.remove();
                    }
                    hit = f;
                    break;
                }
            }
        }
        if (hit == null) {
            return;
        }
        GraphRequests.sleep(hit.stall);
        if (hit.status > 0) {
            throw new GraphError(hit.status, faultCode(hit.status), faultMessage(hit.status), hit.retryAfter);
        }
    }

    private static String faultCode(int status) {
        return switch (status) {
            case 429 -> "TooManyRequests";
            case 500 -> "generalException";
            case 502 -> "badGateway";
            case 503 -> "serviceNotAvailable";
            case 504 -> "gatewayTimeout";
            case 401 -> "InvalidAuthenticationToken";
            case 403 -> "Authorization_RequestDenied";
            case 404 -> "Request_ResourceNotFound";
            default -> status >= 500 ? "UnknownError" : "Request_BadRequest";
        };
    }

    private static String faultMessage(int status) {
        return switch (status) {
            case 429 -> "Too many requests.";
            case 503 -> "The service is temporarily unavailable. Please retry later.";
            case 504 -> "The gateway did not receive a timely response from the upstream server.";
            case 403 -> "Insufficient privileges to complete the operation.";
            default -> "Injected fault (HTTP " + status + ").";
        };
    }

    /**
     * Counts a write of {@code ctx}'s client against the throttle; throws the 429 (and notes it in the journal) when
     * the window is full. Called under the lock.
     */
    void countWrite(String method, String path, RequestContext ctx) {
        Throttle t = throttle;
        if (t == null) {
            return;
        }
        Instant now = Instant.now();
        ArrayDeque<Instant> window = writeWindows.computeIfAbsent(ctx.app.clientId(), k -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(t.window()))) {
            window.pollFirst();
        }
        if (window.size() >= t.writes()) {
            journal.retryIssued(ctx, method, path, Duration.ofSeconds(GraphRequests.retryAfterSeconds(t.retryAfter())));
            throw new GraphError(429, "TooManyRequests", "Too many requests.", t.retryAfter());
        }
        window.addLast(now);
    }
}
