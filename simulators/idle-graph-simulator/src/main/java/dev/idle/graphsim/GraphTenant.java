package dev.idle.graphsim;

import java.net.URI;
import java.time.Duration;

/**
 * What the handlers of one simulator share: the lock that serialises every change, the directory and mailboxes,
 * the app registry, the traffic journal, faults and throttle, the behaviour knobs, and the port once listening.
 * The data structures are not thread-safe on their own; handlers touch them only while holding {@link #lock}.
 */
final class GraphTenant {
    final Object lock = new Object();
    final Directory dir = new Directory();
    final Mailboxes mailboxes = new Mailboxes(dir);
    final AppRegistry apps;
    final RequestJournal journal = new RequestJournal(lock);
    final Throttling throttling = new Throttling(lock, journal);
    volatile int pageSize;
    volatile Duration latency;
    private volatile int port;

    GraphTenant(int pageSize, Duration latency, Duration tokenLifetime) {
        this.pageSize = pageSize;
        this.latency = latency;
        this.apps = new AppRegistry(lock, tokenLifetime);
    }

    static int checkPageSize(int n) {
        if (n < 1 || n > 999) {
            throw new IllegalArgumentException("page size must be 1..999");
        }
        return n;
    }

    void listeningOn(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    /** {@code https://127.0.0.1:<port>/}. */
    URI authorityHost() {
        return URI.create("https://127.0.0.1:" + port + "/");
    }

    /** {@code https://127.0.0.1:<port>/v1.0}. */
    URI graphBaseUrl() {
        return URI.create("https://127.0.0.1:" + port + "/v1.0");
    }
}
