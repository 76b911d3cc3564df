package dev.idle.provider.support.http;

import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The end of the chain: sends through the provider's one JDK {@link HttpClient} and reads the whole body. A call that
 * got no answer becomes a {@link ProviderException} worded from the call's subject, transient as
 * {@link FailureClassifier#isTransient(IOException)} says; an interrupt is permanent and restores the thread's
 * interrupt flag. Messages carry the exception's type and (scrubbed) text, never a header or body of the request.
 */
final class JdkTransport implements HttpLink {
    private final HttpClient client;
    private final FailureClassifier classifier;
    private final String tlsAdvice;

    JdkTransport(HttpClient client, FailureClassifier classifier, String tlsAdvice) {
        this.client = client;
        this.classifier = classifier;
        this.tlsAdvice = tlsAdvice;
    }

    @Override
    public HttpAnswer intercept(Chain chain) {
        HttpRequest request = chain.request();
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new HttpAnswer(request, r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new ProviderException(message(chain.subject(), request, e), classifier.isTransient(e), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(chain.subject() + " was interrupted.");
        }
    }

    private String message(String subject, HttpRequest request, IOException e) {
        String detail = Redaction.scrub(e.getMessage(), authorization(request));
        URI uri = request.uri();
        return switch (FailureClassifier.kind(e)) {
            case TIMEOUT -> subject + " timed out"
                    + request.timeout().map(JdkTransport::after).orElse("") + ".";
            case CONNECT -> subject + " failed: cannot connect to " + uri.getScheme() + "://" + uri.getRawAuthority()
                    + ".";
            case TLS -> subject + " failed: TLS error (" + detail + ")." + (tlsAdvice == null ? "" : " " + tlsAdvice);
            case OTHER -> subject + " failed: " + e.getClass().getSimpleName()
                    + (detail == null ? "" : " (" + detail + ")") + ".";
        };
    }

    private static String after(java.time.Duration t) {
        return t.toSeconds() >= 1 ? " after " + t.toSeconds() + " s" : " after " + t.toMillis() + " ms";
    }

    /** The credential of the request, so that it is scrubbed should an exception text ever echo it. */
    private static List<String> authorization(HttpRequest request) {
        return request.headers().allValues("Authorization").stream()
                .map(v -> v.contains(" ") ? v.substring(v.indexOf(' ') + 1) : v).toList();
    }
}
