package dev.idle.provider.support.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * Decides whether a failed call is worth another attempt: the one classification every provider uses. The engine
 * (core's {@code RetryRunner}) re-runs a step only for a {@link dev.idle.spi.ProviderException} marked transient, so
 * this table decides what gets retried.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>{@link #STANDARD}</th><th>{@link #GATEWAY_ONLY}</th><th>{@link #UNREACHABLE_ONLY}</th>
 *   </tr>
 *   <tr><td>429 Too Many Requests</td><td>transient</td><td>transient</td><td>permanent</td></tr>
 *   <tr><td>502, 503, 504</td><td>transient</td><td>transient</td><td>permanent</td></tr>
 *   <tr><td>408 and any other 5xx but 501 and 505</td><td>transient</td><td>permanent</td><td>permanent</td></tr>
 *   <tr><td>501, 505, every other 4xx</td><td>permanent</td><td>permanent</td><td>permanent</td></tr>
 *   <tr><td>no answer: timeout (connect or request), refused or unreachable connection</td><td>transient</td>
 *       <td>transient</td><td>transient</td></tr>
 *   <tr><td>no answer: connection reset or closed mid-call, other I/O errors</td><td>transient</td>
 *       <td>transient</td><td>permanent</td></tr>
 *   <tr><td>TLS failure (untrusted or mismatched certificate)</td><td>permanent</td><td>permanent</td>
 *       <td>permanent</td></tr>
 * </table>
 *
 * <p>{@link #GATEWAY_ONLY} is for services whose 500 answers carry the application's own refusal (the Exchange admin
 * API answers a cmdlet error with 500; Keycloak a failed admin operation), which a retry would only repeat.
 * {@link #UNREACHABLE_ONLY} is for remote command services (WinRM) whose commands are not idempotent: every answer is
 * the service's own verdict (a WS-Man fault, a refused shell), and a connection dropped mid-call may already have run
 * the command, so only a service that could not be reached, or did not answer in time, is worth another attempt. A
 * provider may add what only its error bodies say (Google's 403 {@code rateLimitExceeded}), never remove from the
 * table it chose.
 *
 * <p>Immutable and thread-safe.
 */
public final class FailureClassifier {
    /** The default: throttling, timeouts and server errors are transient, client errors are not. */
    public static final FailureClassifier STANDARD = new FailureClassifier(
            s -> s == 408 || s == 429 || (s >= 500 && s <= 599 && s != 501 && s != 505), FailureClassifier::notTls);
    /** Only throttling and gateway errors (429, 502, 503, 504) are transient. */
    public static final FailureClassifier GATEWAY_ONLY = new FailureClassifier(
            s -> s == 429 || s == 502 || s == 503 || s == 504, FailureClassifier::notTls);
    /**
     * No answer is transient, whatever its status; of the calls that got none, only connect failures and timeouts
     * are (the service could not be reached or did not answer in time).
     */
    public static final FailureClassifier UNREACHABLE_ONLY = new FailureClassifier(
            s -> false, kind -> kind == Kind.CONNECT || kind == Kind.TIMEOUT);

    private final IntPredicate transientStatus;
    private final Predicate<Kind> transientNoAnswer;

    private FailureClassifier(IntPredicate transientStatus, Predicate<Kind> transientNoAnswer) {
        this.transientStatus = transientStatus;
        this.transientNoAnswer = transientNoAnswer;
    }

    /** True when an answer with {@code status} may succeed if the call is made again later. */
    public boolean isTransient(int status) {
        return transientStatus.test(status);
    }

    /**
     * True when a call that got no answer because of {@code failure} may succeed later. In every table a TLS failure
     * is not (a certificate does not fix itself); see the class comment for the rest.
     */
    public boolean isTransient(IOException failure) {
        return transientNoAnswer.test(kind(failure));
    }

    private static boolean notTls(Kind kind) {
        return kind != Kind.TLS;
    }

    /** What kind of "no answer" {@code failure} is, for the message. */
    static Kind kind(IOException failure) {
        if (failure instanceof HttpTimeoutException && !(failure instanceof HttpConnectTimeoutException)) {
            return Kind.TIMEOUT;
        }
        if (failure instanceof SSLException) {
            return Kind.TLS;
        }
        if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
            return Kind.CONNECT;
        }
        return Kind.OTHER;
    }

    enum Kind { TIMEOUT, TLS, CONNECT, OTHER }
}
