package com.example.idle.wiki;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for the Acme Wiki REST API: accounts by user name (case-insensitive) and a queue of HTTP statuses to
 * answer instead of the next requests, so tests can play throttling or outages.
 */
public final class WikiServer {
    /** One wiki account. */
    public static final class Account {
        String displayName;
        boolean enabled = true;
        boolean spaceArchived;
    }

    /** An HTTP error answer. */
    public static final class HttpError extends RuntimeException {
        private final int status;

        HttpError(int status, String message) {
            super("HTTP " + status + ": " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Map<String, Account> accounts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Deque<Integer> injected = new ArrayDeque<>();

    public synchronized void addAccount(String user, String displayName) {
        Account a = new Account();
        a.displayName = displayName;
        accounts.put(user, a);
    }

    /** The next request is answered with {@code status} (e.g. 503, 429, 403). */
    public synchronized void answerNextWith(int status) {
        injected.add(status);
    }

    /** Every request goes through here: an injected status first, then 404 for an unknown user. */
    synchronized Account request(String user) {
        Integer status = injected.poll();
        if (status != null) {
            throw new HttpError(status, "injected");
        }
        Account a = accounts.get(user);
        if (a == null) {
            throw new HttpError(404, "user '" + user + "' not found");
        }
        return a;
    }
}
