package dev.idle.provider.exchangeonline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The two wire protocols: Microsoft Graph (JSON over REST) and the Exchange admin API ({@code POST
 * <exchangeBaseUrl>/<tenant>/InvokeCommand} with {@code {"CmdletInput":{"CmdletName","Parameters"}}}, answers
 * {@code {"value":[...]}}, paged by {@code @odata.nextLink}).
 *
 * <p>Errors: 429, 502, 503, 504, time-outs and connection failures are transient ({@code Retry-After}, seconds or
 * HTTP date, becomes the exception's minimum delay); an admin-API error whose message matches upstream's transient
 * pattern ({@code server side error}, {@code throttl}, {@code too many requests}, {@code service unavailable},
 * {@code temporarily unavailable}, {@code bad gateway}) is transient too; everything else fails at once with the
 * service's error code and message. Tokens never appear in messages.
 */
final class ExoHttp {
    static final Pattern TRANSIENT_MESSAGE = Pattern.compile("server[\\s-]+side[\\s-]+error|throttl|too[\\s-]+many"
            + "[\\s-]+requests|service[\\s-]+unavailable|temporarily[\\s-]+unavailable|bad[\\s-]+gateway",
            Pattern.CASE_INSENSITIVE);
    static final Pattern NOT_FOUND_MESSAGE = Pattern.compile("couldn't be found|not found|does not exist",
            Pattern.CASE_INSENSITIVE);
    /** The anchor mailbox the V3 module sends for app-only calls. */
    private static final String ANCHOR = "UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@";

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;

    ExoHttp(HttpClient http, Duration timeout, ObjectMapper json) {
        this.http = http;
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
        String what = "Exchange Online command '" + cmdlet + "' failed";
        for (int page = 0; page < 1000 && uri != null; page++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("X-AnchorMailbox", ANCHOR + tenantId)
                    .header("X-CmdletName", cmdlet)
                    .header("X-ClientApplication", "IdLE-Java")
                    .header("client-request-id", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            JsonNode answer = send(b.build(), what, true);
            answer.path("value").forEach(rows::add);
            String next = answer.path("@odata.nextLink").asText(null);
            uri = next == null ? null : URI.create(next);
        }
        return rows;
    }

    JsonNode graph(String method, URI uri, JsonNode body, String token, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("client-request-id", UUID.randomUUID().toString());
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return send(b.build(), what, false);
    }

    private JsonNode send(HttpRequest request, String what, boolean command) {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ProviderException(what + " | timed out after " + timeout.toSeconds() + " s", true, null, null);
        } catch (IOException e) {
            throw new ProviderException(what + " | " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(what + " | interrupted", true, null, null);
        }
        int status = r.statusCode();
        JsonNode parsed = null;
        try {
            parsed = r.body() == null || r.body().isBlank() ? null : json.readTree(r.body());
        } catch (IOException e) {
            // not JSON: reported below when the status is an error
        }
        if (status >= 200 && status < 300) {
            return parsed == null ? json.createObjectNode() : parsed;
        }
        String code = parsed == null ? "" : parsed.path("error").path("code").asText("");
        String message = parsed == null ? "" : parsed.path("error").path("message").asText("");
        if (message.isEmpty() && parsed == null && r.body() != null) {
            message = r.body().length() > 200 ? r.body().substring(0, 200) : r.body();
        }
        String clean = message.replaceFirst("^[^|]*\\|[A-Za-z0-9_.]+\\|", "");
        boolean transientStatus = status == 429 || status == 502 || status == 503 || status == 504;
        boolean transientFailure = transientStatus || (command && TRANSIENT_MESSAGE.matcher(message).find());
        Duration delay = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
        String text = what + " | HTTP " + status + (code.isEmpty() ? "" : " " + code) + (clean.isEmpty() ? ""
                : ": " + clean);
        boolean notFound = status == 404 || NOT_FOUND_MESSAGE.matcher(message).find();
        throw new CommandException(text, transientFailure, transientFailure ? delay : null, notFound);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
