package dev.idle.provider.support.http;

import java.net.http.HttpRequest;

/**
 * How a provider words the message of a call that got no answer (a timeout, a refused connection, a TLS failure, an
 * interrupt), for a service whose users know its failures by other words than the layer's default
 * ({@code "<subject> failed: cannot connect to https://host."}). Only the wording is the provider's: whether the
 * failure is transient stays the {@link FailureClassifier}'s decision, and the exception stays a
 * {@link dev.idle.spi.ProviderException}.
 *
 * <p>Set with {@link HttpCaller.Builder#noAnswerWording}; called from every thread that sends through the caller,
 * so it must be thread-safe (a function of its arguments is).
 *
 * <pre>{@code
 * .noAnswerWording((subject, request, failure, detail) -> failure instanceof ConnectException
 *         ? "Cannot connect to the WinRM service at " + request.uri() + "."
 *         : subject + " failed: " + detail)
 * }</pre>
 */
@FunctionalInterface
public interface NoAnswerWording {
    /**
     * The message for a call that got no answer.
     *
     * @param subject how the call is named (see {@link HttpCaller#send(HttpRequest, String)})
     * @param request the request as the links left it; never quote its headers (they carry the credential)
     * @param failure why no answer came: the transport's {@link java.io.IOException} (e.g.
     *                {@link java.net.http.HttpConnectTimeoutException}, {@link java.net.http.HttpTimeoutException},
     *                {@link java.net.ConnectException}, {@link javax.net.ssl.SSLException}) or an
     *                {@link InterruptedException} (at the gate or while waiting for the answer)
     * @param detail  the failure's own text with the request's credential scrubbed, or null when it has none; quote
     *                this rather than {@code failure.getMessage()}
     */
    String message(String subject, HttpRequest request, Exception failure, String detail);
}
