package dev.idle.spi;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One line that says why something failed: the root cause of an exception chain, without the wrappers around it.
 *
 * <p>Libraries wrap a failure several times ({@code RuntimeException: ExecutionException: MsalClientException:
 * UncheckedIOException: ConnectException}); each wrapper's message is just its cause's {@code toString()}. This type
 * skips such wrappers and words the cause a person can act on: {@code connection refused}, {@code unknown host x},
 * {@code timed out}, {@code TLS error: …}, or else the cause's own first line. An exception whose message says more
 * than its cause (an authored message such as a {@link ProviderException}'s) is kept as it is. Stateless and
 * thread-safe; a cause chain that loops back on itself ends the walk.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RootCause {
    private RootCause() {
    }

    /**
     * The exception a person should read: {@code t} itself when its message says something of its own, else the
     * first cause down the chain that does (or the last one).
     */
    public static Throwable of(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = t;
        // a network failure is the cause a person acts on, even when the JDK hangs a lower-level one below it
        while (seen.add(current) && !isFriendlyNamed(current) && isWrapper(current)) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * One line about {@code t}: its own message when it has one that is more than a wrapper's, else the root cause
     * worded for a person. Never null or blank.
     */
    public static String describe(Throwable t) {
        Throwable root = of(t);
        if (root == t && !isFriendlyNamed(t)) {
            String m = t.getMessage();
            return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        }
        return wordingOf(root);
    }

    /**
     * The whole chain in one line, outermost first ({@code Type: message <- Type: message}), for diagnostics
     * ({@code --debug}); messages are not scrubbed here, callers mask what they know to be secret.
     */
    public static String chain(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(c.getClass().getName());
            String m = firstLine(c.getMessage());
            if (!m.isEmpty()) {
                out.append(": ").append(m);
            }
        }
        return out.toString();
    }

    /** How a root cause reads: network failures in plain words, anything else as its type and first line. */
    public static String wordingOf(Throwable root) {
        String detail = firstLine(root.getMessage());
        if (root instanceof java.net.ConnectException) {
            return "connection refused" + (detail.isEmpty() || detail.equalsIgnoreCase("Connection refused")
                    ? "" : " (" + detail + ")");
        }
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host" + (detail.isEmpty() ? "" : " " + detail);
        }
        if (root instanceof java.net.http.HttpTimeoutException || root instanceof java.net.SocketTimeoutException
                || root instanceof java.util.concurrent.TimeoutException) {
            return "timed out" + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
        if (root instanceof javax.net.ssl.SSLException) {
            return "TLS error" + (detail.isEmpty() ? "" : ": " + detail);
        }
        if (root instanceof java.nio.channels.ClosedChannelException) {
            return "connection closed";
        }
        return root.getClass().getSimpleName() + (detail.isEmpty() ? "" : ": " + detail);
    }

    private static boolean isFriendlyNamed(Throwable t) {
        return t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                || t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException
                || t instanceof java.util.concurrent.TimeoutException || t instanceof javax.net.ssl.SSLException
                || t instanceof java.nio.channels.ClosedChannelException;
    }

    /** True when {@code t} has a cause and its message adds nothing to it (null, blank, or the cause's text). */
    private static boolean isWrapper(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null || cause == t) {
            return false;
        }
        String m = t.getMessage();
        return m == null || m.isBlank() || m.equals(cause.toString()) || m.startsWith(cause.getClass().getName());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
    }
}
