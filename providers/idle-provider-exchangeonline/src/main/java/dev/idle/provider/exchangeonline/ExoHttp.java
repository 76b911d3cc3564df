package dev.idle.provider.exchangeonline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.provider.support.http.FailureClassifier;
import dev.idle.provider.support.http.HttpAnswer;
import dev.idle.provider.support.http.HttpCaller;
import dev.idle.provider.support.http.HttpLinks;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.http.RestCalls;
import dev.idle.spi.ProviderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The two wire protocols, on the toolkit's {@link HttpCaller}: Microsoft Graph (JSON over REST) and the Exchange admin
 * API ({@code POST <exchangeBaseUrl>/<tenant>/InvokeCommand} with {@code {"CmdletInput":{"CmdletName","Parameters"}}},
 * answers {@code {"value":[...]}}, paged by {@code @odata.nextLink}). Every request carries a fresh
 * {@code client-request-id}.
 *
 * <p>Errors: the toolkit's gateway-only classification (429, 502, 503, 504, time-outs and connection failures are
 * transient, {@code Retry-After} becomes the exception's minimum delay), because the admin API answers a cmdlet's own
 * error with 500; an admin-API error whose message matches upstream's transient pattern ({@code server side error},
 * {@code throttl}, {@code too many requests}, {@code service unavailable}, {@code temporarily unavailable},
 * {@code bad gateway}) is transient too; everything else fails at once with the service's error code and message.
 * Tokens never appear in messages.
 */
final class ExoHttp {
    static final Pattern TRANSIENT_MESSAGE = Pattern.compile("server[\\s-]+side[\\s-]+error|throttl|too[\\s-]+many"
            + "[\\s-]+requests|service[\\s-]+unavailable|temporarily[\\s-]+unavailable|bad[\\s-]+gateway",
            Pattern.CASE_INSENSITIVE);
    static final Pattern NOT_FOUND_MESSAGE = Pattern.compile("couldn't be found|not found|does not exist",
            Pattern.CASE_INSENSITIVE);
    /** The anchor mailbox the V3 module sends for app-only calls. */
    private static final String ANCHOR = "UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@";

    private final HttpCaller http;
    private final Duration timeout;
    private final ObjectMapper json;

    ExoHttp(HttpClient client, Duration timeout, ObjectMapper json) {
        this(client, timeout, json, RateLimit.NONE);
    }

    /** Calls paced per origin (the Graph and the Exchange admin API are separate targets) at {@code rateLimit}. */
    ExoHttp(HttpClient client, Duration timeout, ObjectMapper json, RateLimit rateLimit) {
        this.http = HttpCaller.builder(client, "Exchange Online").classifier(FailureClassifier.GATEWAY_ONLY)
                .rateLimit(rateLimit)
                .link(HttpLinks.freshRequestId("client-request-id")).build();
        this.timeout = timeout;
        this.json = json;
    }

    /** A failed admin-API command; {@code notFound} when the message says the object does not exist. */
    static final class CommandException extends ProviderException {
        private static final long serialVersionUID = 1L;
        final boolean notFound;

        CommandException(String message, boolean transientFailure, Duration delay, boolean notFound) {
            super(message, transientFailure, delay, null);
            this.notFound = notFound;
        }
    }

    /** Runs one cmdlet and answers every row of {@code value} (following {@code @odata.nextLink}). */
    ArrayNode invoke(String exchangeBaseUrl, String tenantId, String token, String cmdlet, Map<String, ?> parameters) {
        ObjectNode body = json.createObjectNode();
        ObjectNode input = body.putObject("CmdletInput");
        input.put("CmdletName", cmdlet);
        input.set("Parameters", json.valueToTree(parameters));
        URI uri = URI.create(exchangeBaseUrl + "/" + tenantId + "/InvokeCommand");
        ArrayNode rows = json.createArrayNode();
        String what = "Exchange Online command '" + cmdlet + "'";
        for (int page = 0; page < 1000 && uri != null; page++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("X-AnchorMailbox", ANCHOR + tenantId)
                    .header("X-CmdletName", cmdlet)
                    .header("X-ClientApplication", "IdLE-Java")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            JsonNode answer = send(b.build(), what, true);
            answer.path("value").forEach(rows::add);
            String next = answer.path("@odata.nextLink").asText(null);
            uri = next == null ? null : URI.create(next);
        }
        return rows;
    }

    /**
     * One Graph request.
     *
     * @param what names the call in messages, e.g. {@code Microsoft Graph GET mailboxSettings of 'x'}
     */
    JsonNode graph(String method, URI uri, JsonNode body, String token, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return send(b.build(), what, false);
    }

    private JsonNode send(HttpRequest request, String what, boolean command) {
        HttpAnswer r = http.send(request, what);
        JsonNode parsed = RestCalls.parseOrNull(json, r.body());
        if (r.ok()) {
            return parsed == null ? json.createObjectNode() : parsed;
        }
        String code = parsed == null ? "" : parsed.path("error").path("code").asText("");
        String message = parsed == null ? "" : parsed.path("error").path("message").asText("");
        String raw = r.text();
        if (message.isEmpty() && parsed == null) {
            message = raw.length() > 200 ? raw.substring(0, 200) : raw;
        }
        String clean = message.replaceFirst("^[^|]*\\|[A-Za-z0-9_.]+\\|", "");
        boolean transientFailure = http.classifier().isTransient(r.status())
                || (command && TRANSIENT_MESSAGE.matcher(message).find());
        String text = what + " failed | HTTP " + r.status() + (code.isEmpty() ? "" : " " + code)
                + (clean.isEmpty() ? "" : ": " + clean);
        boolean notFound = r.status() == 404 || NOT_FOUND_MESSAGE.matcher(message).find();
        throw new CommandException(text, transientFailure, transientFailure ? http.retryAfter(r) : null, notFound);
    }
}
