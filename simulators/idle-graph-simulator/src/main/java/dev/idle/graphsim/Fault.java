package dev.idle.graphsim;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault to inject: the next {@link #times(int) N} requests whose method and path match answer with a status (for
 * example 503 or 504, with a Graph error body), and/or are first held for a {@link #stall(Duration) stall} (to run a
 * client into its timeout). A stall with no status answers normally afterwards, i.e. the request <em>is</em> applied
 * after the client may have given up. Items of a {@code $batch} are matched with their absolute path
 * ({@code /v1.0/groups/...}); a matching item answers the fault status inside the batch.
 *
 * <pre>{@code
 * sim.injectFault(Fault.on("PATCH", "/v1.0/users/.*").times(2).status(503).retryAfter(Duration.ofSeconds(1)));
 * sim.injectFault(Fault.on("POST", ".*revokeSignInSessions").stall(Duration.ofSeconds(5)).status(504));
 * }</pre>
 */
public final class Fault {
    final String method;
    final Pattern path;
    int remaining = 1;
    int status;
    Duration stall = Duration.ZERO;
    Duration retryAfter;

    private Fault(String method, String pathRegex) {
        this.method = method == null || method.equals("*") ? null : method.toUpperCase(Locale.ROOT);
        this.path = Pattern.compile(Objects.requireNonNull(pathRegex, "pathRegex"));
    }

    /** Matches requests with this method ({@code null} or {@code *} = any) whose path (no query) matches the regex. */
    public static Fault on(String method, String pathRegex) {
        return new Fault(method, pathRegex);
    }

    /** How many matching requests the fault hits (default 1). */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        this.remaining = n;
        return this;
    }

    /** Answer this status with a Graph error body instead of handling the request. */
    public Fault status(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx");
        }
        this.status = httpStatus;
        return this;
    }

    /** Hold the request this long before answering (the fault status, or the normal answer if no status is set). */
    public Fault stall(Duration d) {
        this.stall = Objects.requireNonNull(d);
        return this;
    }

    /** Add a Retry-After header (whole seconds) to the fault answer. */
    public Fault retryAfter(Duration d) {
        this.retryAfter = d;
        return this;
    }

    boolean matches(String m, String p) {
        return remaining > 0 && (method == null || method.equals(m)) && path.matcher(p).matches();
    }

    @Override
    public String toString() {
        return "Fault[" + (method == null ? "*" : method) + " " + path + " x" + remaining
                + (status > 0 ? " -> " + status : "") + (stall.isZero() ? "" : " stall " + stall) + "]";
    }
}
