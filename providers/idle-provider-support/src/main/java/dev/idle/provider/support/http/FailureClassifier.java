package dev.idle.provider.support.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.function.IntPredicate;
import javax.net.ssl.SSLException;

/**
 * Decides whether a failed call is worth another attempt: the one classification every provider uses. The engine
 * (core's {@code RetryRunner}) re-runs a step only for a {@link dev.idle.spi.ProviderException} marked transient, so
 * this table decides what gets retried.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>{@link #STANDARD}</th><th>{@link #GATEWAY_ONLY}</th></tr>
 *   <tr><td>429 Too Many Requests</td><td>transient</td><td>transient</td></tr>
 *   <tr><td>502, 503, 504</td><td>transient</td><td>transient</td></tr>
 *   <tr><td>408 and any other 5xx but 501 and 505</td><td>transient</td><td>permanent</td></tr>
 *   <tr><td>501, 505, every other 4xx</td><td>permanent</td><td>permanent</td></tr>
 *   <tr><td>no answer: timeout, refused or reset connection, other I/O errors</td><td>transient</td>
 *       <td>transient</td></tr>
 *   <tr><td>TLS failure (untrusted or mismatched certificate)</td><td>permanent</td><td>permanent</td></tr>
 * </table>
 *
 * <p>{@link #GATEWAY_ONLY} is for services whose 500 answers carry the application's own refusal (the Exchange admin
 * API answers a cmdlet error with 500; Keycloak a failed admin operation), which a retry would only repeat. A provider
 * may add what only its error bodies say (Google's 403 {@code rateLimitExceeded}), never remove from the table.
 *
 * <p>Immutable and thread-safe.
 */
public final class FailureClassifier {
    /** The default: throttling, timeouts and server errors are transient, client errors are not. */
    public static final FailureClassifier STANDARD = new FailureClassifier(
            s -> s == 408 || s == 429 || (s >= 500 && s <= 599 && s != 501 && s != 505));
    /** Only throttling and gateway errors (429, 502, 503, 504) are transient. */
    public static final FailureClassifier GATEWAY_ONLY = new FailureClassifier(
            s -> s == 429 || s == 502 || s == 503 || s == 504);

    private final IntPredicate transientStatus;

    private FailureClassifier(IntPredicate transientStatus) {
        this.transientStatus = transientStatus;
    }

    /** True when an answer with {@code status} may succeed if the call is made again later. */
    public boolean isTransient(int status) {
        return transientStatus.test(status);
    }

    /**
     * True when a call that got no answer because of {@code failure} may succeed later: timeouts, connection
     * failures and other I/O errors are; a TLS failure is not (a certificate does not fix itself).
     */
    public boolean isTransient(IOException failure) {
        return !(failure instanceof SSLException);
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
