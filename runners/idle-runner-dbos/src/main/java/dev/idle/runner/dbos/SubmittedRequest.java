package dev.idle.runner.dbos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.spi.CredentialMasking;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as a durable workflow keeps it: canonical JSON (map keys sorted) that is the workflow's input, and its
 * SHA-256, which tells "the same request again" from "a different request under a taken id".
 *
 * <p>The JSON rests in the database, so a request that carries a secret value (under a secret-named key, or text
 * that looks like a credential) is refused, naming where; secrets reach a worker by reference (the host's auth
 * sessions), never in the request. Stateless and thread-safe.
 */
final class SubmittedRequest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    final String json;
    final String hash;
    final String correlationId;

    private SubmittedRequest(String json, String correlationId) {
        this.json = json;
        this.hash = sha256(json);
        this.correlationId = correlationId;
    }

    /**
     * The stored form of {@code request}.
     *
     * @throws IdleInputException when the request holds a secret value (its path is named, never the value)
     */
    static SubmittedRequest of(LifecycleRequest request) {
        return of(request, request.correlationId());
    }

    /**
     * The stored form of {@code request} under a correlation id derived from the hash of its content (what it holds
     * apart from its correlation id), when it has none of its own: the same request always gets the same id.
     *
     * @throws IdleInputException as {@link #of}
     */
    static SubmittedRequest derived(LifecycleRequest request) {
        if (!request.correlationIdGenerated()) {
            return of(request);
        }
        String contentHash = sha256(toJson(fields(request, null), request.correlationId()));
        return of(request, "req-" + contentHash.substring(0, 32));
    }

    private static SubmittedRequest of(LifecycleRequest request, String correlationId) {
        Map<String, Object> m = fields(request, correlationId);
        String secretAt = secretAt(m, "request", false);
        if (secretAt != null) {
            throw new IdleInputException(correlationId + ": the request holds a secret value at " + secretAt
                    + "; a distributed run stores its request in the database, so secrets must come from the host's"
                    + " auth sessions (by reference), not from the request");
        }
        return new SubmittedRequest(toJson(m, correlationId), correlationId);
    }

    private static Map<String, Object> fields(LifecycleRequest request, String correlationId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lifecycleEvent", request.lifecycleEvent());
        m.put("correlationId", correlationId);
        m.put("actor", request.actor());
        m.put("identityKeys", request.identityKeys());
        m.put("intent", request.intent());
        m.put("context", request.context());
        return m;
    }

    private static String toJson(Map<String, Object> fields, String name) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IdleInputException(name + ": the request cannot be stored as JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A request as a stored submission holds it.
     *
     * @throws IllegalStateException when the JSON does not match {@code hash} (the stored input was changed)
     */
    static SubmittedRequest stored(String json, String hash) {
        try {
            SubmittedRequest r = new SubmittedRequest(json, JSON.readTree(json).get("correlationId").asText());
            if (!r.hash.equals(hash)) {
                throw new IllegalStateException(r.correlationId + ": the stored request does not match its hash");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored request is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the request back from its stored JSON, on the worker that runs it. */
    static LifecycleRequest read(Idle idle, String json, String id) {
        return LifecycleRequest.fromData(idle.parseWorkflow(json, id + ".request.json"), id);
    }

    /**
     * The path of the first secret value in {@code value}, or null. With {@code templatesAllowed} a secret-named key
     * may hold a template ({@code '{{Request.Context.Password}}'}, as a workflow passes a secret on): the value
     * arrives at run time, it does not rest in the definition.
     */
    static String secretAt(Object value, String path, boolean templatesAllowed) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object v = e.getValue();
                if (CredentialMasking.isSecretNamedKey(key) && v != null && !String.valueOf(v).isEmpty()
                        && !(templatesAllowed && (v instanceof Map<?, ?> || String.valueOf(v).contains("{{")))) {
                    return path + "." + key;
                }
                String inner = secretAt(v, path + "." + key, templatesAllowed);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String inner = secretAt(list.get(i), path + "[" + i + "]", templatesAllowed);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (value instanceof String s && !CredentialMasking.mask(s).equals(s)) {
            return path;
        }
        return null;
    }

    /** Lower-case hex SHA-256 of {@code text}'s UTF-8. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
