package dev.idle.provider.support.http;

import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The end of the chain: sends through the provider's one JDK {@link HttpClient} and reads the whole body. A call that
 * got no answer becomes a {@link ProviderException} worded by {@link NoAnswerMessages}, transient as
 * {@link FailureClassifier#isTransient(IOException)} says; an interrupt is permanent and restores the thread's
 * interrupt flag. Messages carry the exception's type and (scrubbed) text, never a header or body of the request.
 */
final class JdkTransport implements HttpLink {
    private final HttpClient client;
    private final FailureClassifier classifier;
    private final NoAnswerMessages messages;

    JdkTransport(HttpClient client, FailureClassifier classifier, NoAnswerMessages messages) {
        this.client = client;
        this.classifier = classifier;
        this.messages = messages;
    }

    @Override
    public HttpAnswer intercept(Chain chain) {
        HttpRequest request = chain.request();
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new HttpAnswer(request, r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new ProviderException(messages.message(chain.subject(), request, e), classifier.isTransient(e),
                    null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(messages.message(chain.subject(), request, e));
        }
    }
}
