package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.idle.simsupport.SimulatorDurations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads a seed file (YAML or JSON; see docs/graph-simulator.md) into a simulator: apps, users (with
 * {@code sessions}), groups and administrative units (with {@code members} by UPN or id), and the optional settings
 * {@code pageSize}, {@code latency} and {@code throttle}. Client secrets come from {@code clientSecret},
 * {@code clientSecretEnv} (an environment variable) or {@code clientSecretFile}.
 */
public final class Seed {
    private static final Set<String> TOP = Set.of("apps", "users", "groups", "administrativeUnits", "pageSize",
            "latency", "throttle");

    private Seed() {
    }

    /** Applies the seed file at {@code file} to {@code sim} (started or not). */
    public static void load(GraphSimulator sim, Path file) throws IOException {
        load(sim, file, System::getenv);
    }

    /** As {@link #load(GraphSimulator, Path)}, reading environment variables through {@code env}. */
    public static void load(GraphSimulator sim, Path file, Function<String, String> env) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        ObjectMapper mapper = text.stripLeading().startsWith("{") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        JsonNode root = mapper.readTree(text);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": a seed file is a map with apps, users, groups, administrativeUnits");
        }
        apply(sim, root, file.toAbsolutePath().getParent(), env);
    }

    static void apply(GraphSimulator sim, JsonNode root, Path baseDir, Function<String, String> env) throws IOException {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw new IllegalArgumentException("unknown seed key '" + k + "' (expected one of " + TOP + ")");
            }
        }
        if (root.has("pageSize")) {
            sim.pageSize(root.get("pageSize").asInt());
        }
        if (root.has("latency")) {
            sim.latency(duration(root.get("latency").asText()));
        }
        if (root.has("throttle")) {
            JsonNode t = root.get("throttle");
            sim.throttle(t.path("writes").asInt(0), duration(t.path("window").asText("1s")),
                    duration(t.path("retryAfter").asText("1s")));
        }
        for (JsonNode a : root.path("apps")) {
            String secret;
            if (a.hasNonNull("clientSecret")) {
                secret = a.get("clientSecret").asText();
            } else if (a.hasNonNull("clientSecretEnv")) {
                secret = env.apply(a.get("clientSecretEnv").asText());
                if (secret == null) {
                    throw new IllegalArgumentException("app " + a.path("clientId").asText() + ": environment variable "
                            + a.get("clientSecretEnv").asText() + " is not set");
                }
            } else if (a.hasNonNull("clientSecretFile")) {
                secret = Files.readString(baseDir.resolve(a.get("clientSecretFile").asText()), StandardCharsets.UTF_8).strip();
            } else {
                throw new IllegalArgumentException("app " + a.path("clientId").asText()
                        + ": needs clientSecret, clientSecretEnv or clientSecretFile");
            }
            Set<String> roles = null;
            if (a.has("roles")) {
                roles = new LinkedHashSet<>();
                for (JsonNode r : a.get("roles")) {
                    roles.add(r.asText());
                }
            }
            sim.registerApp(required(a, "tenantId"), required(a, "clientId"), secret, roles);
        }
        for (JsonNode u : root.path("users")) {
            Map<String, Object> props = toMap(u);
            Object sessions = props.remove("sessions");
            Object mailbox = props.remove("mailbox");
            String id = sim.addUser(props);
            if (mailbox != null && !Boolean.FALSE.equals(mailbox)) {
                mailbox(sim, id, mailbox);
            }
            if (sessions instanceof Number n && n.intValue() > 0) {
                sim.addSessions(id, n.intValue());
            }
        }
        containers(sim, root.path("groups"), true);
        containers(sim, root.path("administrativeUnits"), false);
    }

    /** {@code mailbox: true} or {@code {type, fullAccess: [upn], sendAs: [upn], sendOnBehalf: [upn]}}. */
    private static void mailbox(GraphSimulator sim, String userId, Object spec) {
        Map<?, ?> m = spec instanceof Map<?, ?> map ? map : Map.of();
        for (Object k : m.keySet()) {
            if (!Set.of("type", "fullAccess", "sendAs", "sendOnBehalf").contains(String.valueOf(k))) {
                throw new IllegalArgumentException("users[].mailbox: unknown key '" + k
                        + "' (type, fullAccess, sendAs, sendOnBehalf)");
            }
        }
        sim.addMailbox(userId, m.get("type") == null ? "UserMailbox" : String.valueOf(m.get("type")));
        for (String right : List.of("fullAccess", "sendAs", "sendOnBehalf")) {
            if (m.get(right) instanceof List<?> delegates) {
                for (Object d : delegates) {
                    sim.addMailboxDelegate(userId, right, String.valueOf(d));
                }
            }
        }
    }

    private static void containers(GraphSimulator sim, JsonNode list, boolean groups) {
        for (JsonNode g : list) {
            Map<String, Object> props = toMap(g);
            Object members = props.remove("members");
            String id = groups ? sim.addGroup(props) : sim.addAdministrativeUnit(props);
            if (members instanceof Iterable<?> it) {
                Set<String> seen = new HashSet<>();
                for (Object m : it) {
                    if (seen.add(String.valueOf(m))) {
                        String userId = (String) sim.findUser(String.valueOf(m))
                                .orElseThrow(() -> new IllegalArgumentException((groups ? "group " : "administrative unit ")
                                        + props.get("displayName") + ": no user " + m))
                                .get("id");
                        sim.addMember(id, userId);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("expected a map, got " + n);
        }
        return GraphRequests.JSON.convertValue(n, LinkedHashMap.class);
    }

    private static String required(JsonNode n, String key) {
        if (!n.hasNonNull(key) || n.get(key).asText().isBlank()) {
            throw new IllegalArgumentException("seed entry " + n + " needs '" + key + "'");
        }
        return n.get(key).asText();
    }

    /** Parses {@code PT1.5S} (ISO-8601), {@code 1500ms}, {@code 2s} or {@code 1m}; see {@link SimulatorDurations}. */
    public static Duration duration(String text) {
        return SimulatorDurations.parse(text);
    }
}
