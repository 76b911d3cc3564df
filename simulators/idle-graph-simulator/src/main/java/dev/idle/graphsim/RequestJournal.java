package dev.idle.graphsim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the simulator remembers about its traffic: every answered request (batch items after their batch), the writes
 * it accepted, and every 429 the throttle issued with the time the same client came back. Listeners see each record
 * once it is logged; a listener that throws cannot break the simulator. Thread-safe (on the simulator's lock).
 */
final class RequestJournal {
    /** A 429 the throttle issued; {@code issuedAt} is set when the answer leaves the simulator. */
    static final class RetryNotice {
        final String clientId;
        final String method;
        final String target;
        final Duration retryAfter;
        Instant issuedAt;
        Instant next;

        RetryNotice(String clientId, String method, String target, Duration retryAfter) {
            this.clientId = clientId;
            this.method = method;
            this.target = target;
            this.retryAfter = retryAfter;
        }
    }

    private final Object lock;
    private final List<RequestRecord> log = new ArrayList<>();
    private final List<RequestRecord> acceptedWrites = new ArrayList<>();
    private final List<RetryNotice> retries = new ArrayList<>();
    private final List<Consumer<RequestRecord>> listeners = new CopyOnWriteArrayList<>();

    RequestJournal(Object lock) {
        this.lock = lock;
    }

    void addListener(Consumer<RequestRecord> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Logs a request and its batch items, then tells the listeners (outside the lock). */
    void record(RequestRecord top, List<RequestRecord> items) {
        List<RequestRecord> all = new ArrayList<>(items.size() + 1);
        all.add(top);
        all.addAll(items);
        synchronized (lock) {
            log.addAll(all);
        }
        for (RequestRecord r : all) {
            for (Consumer<RequestRecord> l : listeners) {
                try {
                    l.accept(r);
                } catch (RuntimeException ignored) {
                    // a listener cannot break the simulator
                }
            }
        }
    }

    void acceptedWrite(RequestRecord write) {
        synchronized (lock) {
            acceptedWrites.add(write);
        }
    }

    /** Notes a 429 the throttle is about to send to {@code ctx}'s client. */
    void retryIssued(RequestContext ctx, String method, String target, Duration told) {
        RetryNotice h = new RetryNotice(ctx.app.clientId(), method, target, told);
        synchronized (lock) {
            retries.add(h);
        }
        ctx.issued.add(h);
    }

    /** Stamps the 429s of {@code ctx} with the time the answer leaves. */
    void markIssued(RequestContext ctx) {
        if (ctx.issued.isEmpty()) {
            return;
        }
        synchronized (lock) {
            Instant now = Instant.now();
            for (RetryNotice h : ctx.issued) {
                h.issuedAt = now;
            }
        }
    }

    /** The client of {@code ctx} came back: closes its open 429s. */
    void noteArrival(RequestContext ctx) {
        synchronized (lock) {
            for (RetryNotice h : retries) {
                if (h.next == null && h.issuedAt != null && h.clientId.equals(ctx.app.clientId())
                        && !ctx.arrival.isBefore(h.issuedAt)) {
                    h.next = ctx.arrival;
                }
            }
        }
    }

    List<RequestRecord> requestLog() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }

    List<RequestRecord> acceptedWrites() {
        synchronized (lock) {
            return List.copyOf(acceptedWrites);
        }
    }

    List<RetryAfterRecord> retryAfterIssued() {
        synchronized (lock) {
            List<RetryAfterRecord> out = new ArrayList<>();
            for (RetryNotice h : retries) {
                if (h.issuedAt != null) {
                    out.add(new RetryAfterRecord(h.clientId, h.method, h.target, h.issuedAt, h.retryAfter, h.next));
                }
            }
            return out;
        }
    }

    void clear() {
        synchronized (lock) {
            log.clear();
            acceptedWrites.clear();
            retries.clear();
        }
    }
}
