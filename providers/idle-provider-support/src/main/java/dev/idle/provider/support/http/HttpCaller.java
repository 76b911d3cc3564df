package dev.idle.provider.support.http;

import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.ratelimit.RateLimits;
import dev.idle.provider.support.ratelimit.TargetLimiter;
import dev.idle.spi.ProviderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP call layer every provider uses: sends one request over the provider's JDK {@link HttpClient} through a
 * chain of small links (the provider's own {@link HttpLink}s, the {@link CallGate} hook and the target's shared
 * write pacing when a {@link Builder#rateLimit rate limit} is set, one debug log line, the transport) and returns the answer, whatever its status. It also holds the one
 * {@link FailureClassifier} and {@link RetryAfter} parser, from which a provider gets the {@link FailureVerdict} of a
 * failed answer while it words the message from its service's error body.
 *
 * <p>How it fails: a status never throws (see {@link HttpAnswer}); a call that got no answer throws a
 * {@link ProviderException}, transient as the {@link FailureClassifier} says (in every table for timeouts and
 * refused connections, never for TLS failures), permanent for interrupts, and worded by the provider's
 * {@link NoAnswerWording} if it set one. It never retries: a step call is retried only by the engine's retry loop, so that every attempt shows in
 * {@code attempts} and in a {@code StepRetrying} event. The few retries inside one call (Graph {@code $batch} items, a
 * renewed token after a 401) use {@link dev.idle.provider.support.retry.InCallRetry}.
 *
 * <p>Thread-safe: build one per provider instance, over one shared {@link HttpClient}, and use it from every thread.
 *
 * <pre>{@code
 * HttpCaller http = HttpCaller.builder(client, "Okta").link(HttpLinks.header("User-Agent", "idle")).build();
 * HttpAnswer a = http.send(HttpRequest.newBuilder(uri).GET().build());
 * if (!a.ok()) {
 *     throw http.verdict(a).toException("Okta API request failed | Status: " + a.status());
 * }
 * }</pre>
 */
public final class HttpCaller {
    private final String api;
    private final List<HttpLink> links;
    private final CallGate gate;
    private final String target;
    private final FailureClassifier classifier;
    private final RetryAfter retryAfter;
    private final NoAnswerMessages noAnswer;
    private final RateLimit rateLimit;

    private HttpCaller(Builder b) {
        this.api = b.api;
        this.rateLimit = b.rateLimit;
        this.gate = b.gate;
        this.target = b.target;
        this.classifier = b.classifier;
        this.retryAfter = new RetryAfter(b.clock, b.retryAfterCap);
        this.noAnswer = new NoAnswerMessages(b.noAnswerWording, b.tlsAdvice);
        List<HttpLink> all = new ArrayList<>(b.links);
        all.add(this::throughGate);
        all.add(new CallLog(b.logger, b.api));
        all.add(new JdkTransport(b.client, b.classifier, noAnswer));
        this.links = List.copyOf(all);
    }

    /** A builder for a caller over {@code client}; {@code api} names the service in messages and logs. */
    public static Builder builder(HttpClient client, String api) {
        return new Builder(client, api);
    }

    /** Sends {@code request}; messages name it {@code "<api> request <METHOD> <path>"}. */
    public HttpAnswer send(HttpRequest request) {
        return send(request, api + " request " + request.method() + " " + Redaction.path(request.uri()));
    }

    /**
     * Sends {@code request} through the chain and returns its answer, whatever the status.
     *
     * @param subject how failure messages name this call, e.g. {@code "Keycloak GET users/{id} in realm 'acme'"};
     *                it must not contain a secret
     * @throws ProviderException when no answer came (see the class comment)
     */
    public HttpAnswer send(HttpRequest request, String subject) {
        return send(request, subject, target != null ? target : origin(request.uri()));
    }

    /**
     * Sends {@code request} as {@link #send(HttpRequest, String)} does, gated and paced under {@code target}, for a
     * provider whose target depends on the call (Graph: the app and tenant of the call's credentials).
     */
    public HttpAnswer send(HttpRequest request, String subject, String target) {
        return send(request, subject, target, isWrite(request.method()) ? 1 : 0);
    }

    /**
     * Sends {@code request} under {@code target} counting it as {@code writes} writes against the target's pace: a
     * JSON batch envelope of 20 writes is 20 writes, as the service counts it (0 makes it a read).
     */
    public HttpAnswer send(HttpRequest request, String subject, String target, int writes) {
        if (writes < 0) {
            throw new IllegalArgumentException("writes must not be negative");
        }
        return new RealChain(0, request, Objects.requireNonNull(target, "target"), subject, writes).proceed(request);
    }

    /** Whether a failed {@code answer} is transient and, if so, the wait its {@code Retry-After} asks for. */
    public FailureVerdict verdict(HttpAnswer answer) {
        boolean transientFailure = classifier.isTransient(answer.status());
        return new FailureVerdict(transientFailure, transientFailure ? retryAfter.from(answer.headers()) : null);
    }

    /** The wait {@code answer}'s {@code Retry-After} header asks for, or null; whatever the status. */
    public Duration retryAfter(HttpAnswer answer) {
        return retryAfter.from(answer.headers());
    }

    /** The parser this caller reads {@code Retry-After} with (for headers not on an {@link HttpAnswer}). */
    public RetryAfter retryAfterParser() {
        return retryAfter;
    }

    /** The classification this caller applies. */
    public FailureClassifier classifier() {
        return classifier;
    }

    private HttpAnswer throughGate(HttpLink.Chain chain) {
        TargetLimiter limiter = rateLimit == null ? null : RateLimits.forTarget(chain.target(), rateLimit);
        TargetLimiter.Ticket ticket = null;
        try {
            gate.enter(chain.target());
            if (limiter != null) {
                ticket = limiter.beforeSend(((RealChain) chain).writes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(noAnswer.message(chain.subject(), chain.request(), e));
        }
        HttpAnswer answer;
        try {
            answer = chain.proceed(chain.request());
        } catch (RuntimeException | Error e) {
            if (limiter != null) {
                limiter.noAnswer(ticket); // frees the write's place in the target's window
            }
            throw e;
        }
        if (limiter != null) {
            limiter.afterAnswer(ticket, answer.status(), retryAfter.from(answer.headers()));
        }
        return answer;
    }

    /** Reads ({@code GET}, {@code HEAD}, {@code OPTIONS}) are not paced; every other method is a write. */
    public static boolean isWrite(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    /**
     * Pauses every call to {@code target} for {@code wait}, for a service that says how long to wait other than by
     * {@code Retry-After} (Okta's {@code X-Rate-Limit-Reset}). Does nothing without a rate limit.
     */
    public void pauseTarget(String target, Duration wait) {
        if (rateLimit != null && wait != null && !wait.isNegative() && !wait.isZero()) {
            RateLimits.forTarget(target, rateLimit).pauseFor(wait);
        }
    }

    /**
     * Reports a throttled answer that did not come as the status of a call through this caller (a {@code 429} item
     * of a Graph {@code $batch}): the target pauses for {@code retryAfter} (when given) and slows down as for a
     * {@code 429} answer. Does nothing without a rate limit.
     */
    public void throttled(String target, Duration retryAfter) {
        if (rateLimit != null) {
            TargetLimiter limiter = RateLimits.forTarget(target, rateLimit);
            limiter.afterAnswer(limiter.currentEpisode(), 429, retryAfter);
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private final class RealChain implements HttpLink.Chain {
        private final int index;
        private final HttpRequest request;
        private final String key;
        private final String subject;
        private final int writes;

        RealChain(int index, HttpRequest request, String key, String subject, int writes) {
            this.index = index;
            this.request = request;
            this.key = key;
            this.subject = subject;
            this.writes = writes;
        }

        @Override
        public HttpRequest request() {
            return request;
        }

        @Override
        public String target() {
            return key;
        }

        @Override
        public String subject() {
            return subject;
        }

        @Override
        public HttpAnswer proceed(HttpRequest next) {
            if (index >= links.size()) {
                throw new IllegalStateException("the transport did not answer");
            }
            return links.get(index).intercept(new RealChain(index + 1, next, key, subject, writes));
        }
    }

    /** Configures an {@link HttpCaller}; not thread-safe, the caller it builds is. */
    public static final class Builder {
        private final HttpClient client;
        private final String api;
        private final List<HttpLink> links = new ArrayList<>();
        private CallGate gate = CallGate.OPEN;
        private String target;
        private FailureClassifier classifier = FailureClassifier.STANDARD;
        private Clock clock = Clock.systemUTC();
        private Duration retryAfterCap = RetryAfter.DEFAULT_CAP;
        private String tlsAdvice;
        private NoAnswerWording noAnswerWording;
        private Logger logger = LoggerFactory.getLogger(HttpCaller.class);
        private RateLimit rateLimit;

        private Builder(HttpClient client, String api) {
            this.client = Objects.requireNonNull(client, "client");
            this.api = Objects.requireNonNull(api, "api");
        }

        /** Adds a link; links run in the order added, before the gate. */
        public Builder link(HttpLink link) {
            links.add(Objects.requireNonNull(link, "link"));
            return this;
        }

        /** The rate-limit hook called before every send; {@link CallGate#OPEN} by default. */
        public Builder gate(CallGate gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        /**
         * Paces this caller's writes under the JVM-wide limiter of each call's target ({@link RateLimits}); a
         * throttled answer pauses and slows down that target for every caller sharing it. Without it (or with
         * {@link RateLimit#NONE}, which still pauses on {@code Retry-After}), calls are not paced.
         */
        public Builder rateLimit(RateLimit limit) {
            this.rateLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        /** The key every call of this caller is gated under; by default each request's origin. */
        public Builder target(String target) {
            this.target = target;
            return this;
        }

        /** Which statuses are transient; {@link FailureClassifier#STANDARD} by default. */
        public Builder classifier(FailureClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** The clock {@code Retry-After} dates are measured from; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The longest wait a {@code Retry-After} may ask for; {@link RetryAfter#DEFAULT_CAP} by default. */
        public Builder retryAfterCap(Duration cap) {
            this.retryAfterCap = Objects.requireNonNull(cap, "cap");
            return this;
        }

        /**
         * A sentence appended to TLS failure messages, e.g. which option sets a trust store (with the default
         * wording; a {@link #noAnswerWording} words TLS failures itself).
         */
        public Builder tlsAdvice(String advice) {
            this.tlsAdvice = advice;
            return this;
        }

        /**
         * How messages of calls that got no answer are worded, for a service whose users know its failures by other
         * words; by default they name the call's subject (and end with the {@link #tlsAdvice} after a TLS failure).
         */
        public Builder noAnswerWording(NoAnswerWording wording) {
            this.noAnswerWording = Objects.requireNonNull(wording, "wording");
            return this;
        }

        /** Where the call log goes; the logger of {@code HttpCaller} by default. */
        public Builder logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        public HttpCaller build() {
            return new HttpCaller(this);
        }
    }
}
