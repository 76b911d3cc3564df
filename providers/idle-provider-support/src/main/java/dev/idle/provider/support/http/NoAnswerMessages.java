package dev.idle.provider.support.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * Words the message of a call that got no answer: the provider's {@link NoAnswerWording} when it set one, else the
 * layer's default, which names the call's subject and the kind of failure. Either way the failure's own text is
 * scrubbed of the request's credential first. Immutable and thread-safe.
 */
final class NoAnswerMessages {
    private final NoAnswerWording wording;
    private final String tlsAdvice;

    NoAnswerMessages(NoAnswerWording wording, String tlsAdvice) {
        this.wording = wording;
        this.tlsAdvice = tlsAdvice;
    }

    String message(String subject, HttpRequest request, Exception failure) {
        String detail = Redaction.scrub(failure.getMessage(), authorization(request));
        if (wording != null) {
            return wording.message(subject, request, failure, detail);
        }
        if (!(failure instanceof IOException io)) {
            return subject + " was interrupted.";
        }
        URI uri = request.uri();
        return switch (FailureClassifier.kind(io)) {
            case TIMEOUT -> subject + " timed out"
                    + request.timeout().map(NoAnswerMessages::after).orElse("") + ".";
            case CONNECT -> subject + " failed: cannot connect to " + uri.getScheme() + "://" + uri.getRawAuthority()
                    + ".";
            case TLS -> subject + " failed: TLS error (" + detail + ")." + (tlsAdvice == null ? "" : " " + tlsAdvice);
            case OTHER -> subject + " failed: " + io.getClass().getSimpleName()
                    + (detail == null ? "" : " (" + detail + ")") + ".";
        };
    }

    private static String after(Duration t) {
        return t.toSeconds() >= 1 ? " after " + t.toSeconds() + " s" : " after " + t.toMillis() + " ms";
    }

    /** The credential of the request, so that it is scrubbed should an exception text ever echo it. */
    private static List<String> authorization(HttpRequest request) {
        return request.headers().allValues("Authorization").stream()
                .map(v -> v.contains(" ") ? v.substring(v.indexOf(' ') + 1) : v).toList();
    }
}
