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

    private SubmittedRequest(String json) {
        this.json = json;
        this.hash = sha256(json);
    }

    /**
     * The stored form of {@code request}.
     *
     * @throws IdleInputException when the request holds a secret value (its path is named, never the value)
     */
    static SubmittedRequest of(LifecycleRequest request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lifecycleEvent", request.lifecycleEvent());
        m.put("correlationId", request.correlationId());
        m.put("actor", request.actor());
        m.put("identityKeys", request.identityKeys());
        m.put("intent", request.intent());
        m.put("context", request.context());
        String secretAt = secretAt(m, "request");
        if (secretAt != null) {
            throw new IdleInputException(request.correlationId() + ": the request holds a secret value at " + secretAt
                    + "; a distributed run stores its request in the database, so secrets must come from the host's"
                    + " auth sessions (by reference), not from the request");
        }
        try {
            return new SubmittedRequest(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IdleInputException(request.correlationId() + ": the request cannot be stored as JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** Reads the request back from its stored JSON, on the worker that runs it. */
    static LifecycleRequest read(Idle idle, String json, String id) {
        return LifecycleRequest.fromData(idle.parseWorkflow(json, id + ".request.json"), id);
    }

    /** The path of the first secret value in {@code value}, or null. */
    private static String secretAt(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object v = e.getValue();
                if (CredentialMasking.isSecretNamedKey(key) && v != null && !String.valueOf(v).isEmpty()) {
                    return path + "." + key;
                }
                String inner = secretAt(v, path + "." + key);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String inner = secretAt(list.get(i), path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
        } else if (value instanceof String s && !CredentialMasking.mask(s).equals(s)) {
            return path;
        }
        return null;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
