package dev.idle.internal.auth;

import dev.idle.api.IdleInputException;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The broker behind a host file's {@code authSessions}. Each name maps to one definition or to variants selected
 * by {@code AuthSessionOptions}; secrets are read from environment variables or files (through
 * {@link SecretReferences}, relative files against the host file's folder) when a session is acquired, never from
 * the host file itself. A variant whose options equal the requested ones wins; otherwise the variant without
 * {@code options} (at most one per name) is the default; with neither, acquiring fails naming the requested keys.
 */
public final class HostAuthSessionBroker implements AuthSessionBroker {
    /** Session types and the keys each accepts besides {@code type} and {@code options}. */
    static final Map<String, Set<String>> TYPES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private static final Set<String> FRAMEWORK_KEYS = ci(Set.of("CorrelationId", "Actor"));

    static {
        TYPES.put("OAuth", ci(Set.of("env", "file")));
        TYPES.put("ApiToken", ci(Set.of("env", "file")));
        TYPES.put("Credential", ci(Set.of("username", "usernameEnv", "usernameFile", "passwordEnv", "passwordFile")));
        TYPES.put("ClientSecret", ci(Set.of("tenantId", "clientId", "env", "file", "authority")));
        TYPES.put("ClientCertificate", ci(Set.of("tenantId", "clientId", "file", "passwordEnv", "authority")));
        TYPES.put("ManagedIdentity", ci(Set.of("clientId")));
        TYPES.put("WorkloadIdentity", ci(Set.of("tenantId", "clientId", "tokenFile")));
        TYPES.put("DefaultChain", ci(Set.of("tenantId", "clientId")));
        TYPES.put("ServiceAccount", ci(Set.of("file", "subject")));
    }

    private final Map<String, List<DataMap>> sessions;
    private final SecretReferences secrets;

    private HostAuthSessionBroker(Map<String, List<DataMap>> sessions, SecretReferences secrets) {
        this.sessions = sessions;
        this.secrets = secrets;
    }

    /**
     * Reads the {@code authSessions} section, reporting every invalid entry.
     *
     * @param source names the host file in messages
     */
    public static HostAuthSessionBroker fromData(Object data, Path baseDirectory, String source,
                                                 Function<String, String> environment) {
        Map<String, List<DataMap>> sessions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> problems = new ArrayList<>();
        if (!(data instanceof DataMap m)) {
            throw new IdleInputException(source + ": authSessions must be a map of session name to definition");
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            List<DataMap> variants = new ArrayList<>();
            Object raw = e.getValue();
            List<?> items = raw instanceof List<?> l ? l : List.of(raw == null ? "" : raw);
            for (int i = 0; i < items.size(); i++) {
                String at = "authSessions." + e.getKey() + (raw instanceof List<?> ? "[" + i + "]" : "");
                if (!(items.get(i) instanceof DataMap def)) {
                    problems.add(source + ": " + at + " must be a map with a 'type'");
                    continue;
                }
                checkDefinition(def, at, source, problems);
                variants.add(def);
            }
            long defaults = variants.stream().filter(v -> v.get("options") == null).count();
            if (defaults > 1) {
                problems.add(source + ": authSessions." + e.getKey() + " has " + defaults
                        + " variants without 'options'; at most one may be the default");
            }
            sessions.put(e.getKey(), variants);
        }
        if (!problems.isEmpty()) {
            throw new IdleInputException(source + ": invalid authSessions", problems);
        }
        return new HostAuthSessionBroker(sessions,
                SecretReferences.of(baseDirectory == null ? Path.of(".") : baseDirectory, null, environment));
    }

    private static void checkDefinition(DataMap def, String at, String source, List<String> problems) {
        String type = def.getString("type");
        if (type == null || !TYPES.containsKey(type)) {
            problems.add(source + ": " + at + ".type must be one of " + String.join(", ", TYPES.keySet())
                    + (type == null ? "" : " (got '" + type + "')"));
            return;
        }
        Set<String> allowed = TYPES.get(type);
        for (String key : def.keySet()) {
            if (key.equalsIgnoreCase("type") || key.equalsIgnoreCase("options")) {
                continue;
            }
            if (isInlineSecretKey(key)) {
                problems.add(source + ": " + at + "." + key + ": secrets must not be written in the host file;"
                        + " reference them with 'env' (an environment variable) or 'file'");
            } else if (!allowed.contains(key)) {
                problems.add(source + ": " + at + ": unknown key '" + key + "' for type " + type
                        + ". Allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        Object options = def.get("options");
        if (options != null && !(options instanceof DataMap)) {
            problems.add(source + ": " + at + ".options must be a map");
        }
    }

    private static boolean isInlineSecretKey(String key) {
        return dev.idle.internal.redact.Redactor.isSecretNamedKey(key) || key.equalsIgnoreCase("value")
                || key.equalsIgnoreCase("clientSecretValue");
    }

    @Override
    public boolean defines(String name) {
        return name != null && sessions.containsKey(name);
    }

    @Override
    public AuthSession acquire(String name, DataMap options) {
        List<DataMap> variants = sessions.get(name);
        if (variants == null) {
            throw new IllegalStateException("No auth session named '" + name + "' is defined in the host file."
                    + " Defined: " + (sessions.isEmpty() ? "(none)" : String.join(", ", sessions.keySet())) + ".");
        }
        DataMap requested = withoutFrameworkKeys(options);
        DataMap chosen = null;
        DataMap defaultVariant = null;
        for (DataMap v : variants) {
            DataMap vo = v.getMap("options");
            if (vo == null) {
                defaultVariant = v;
            }
            if (vo == null ? requested.isEmpty() : sameOptions(vo, requested)) {
                chosen = v;
                break;
            }
        }
        if (chosen == null) {
            // cli-contract.md: the option-less variant is the name's default, used when no variant's options match
            chosen = defaultVariant;
        }
        if (chosen == null) {
            throw new IllegalStateException("No variant of auth session '" + name + "' matches AuthSessionOptions "
                    + describe(requested) + ".");
        }
        return materialise(name, chosen);
    }

    private AuthSession materialise(String name, DataMap def) {
        String type = TYPES.keySet().stream().filter(t -> t.equalsIgnoreCase(def.getString("type")))
                .findFirst().orElseThrow();
        // Everything but the secret itself: names of variables and files are references, not secrets.
        DataMap attributes = new DataMap();
        for (Map.Entry<String, Object> e : def.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.equals("type") || k.equals("options")) {
                continue;
            }
            boolean isFile = k.endsWith("file") && e.getValue() instanceof String;
            attributes.put(e.getKey(), isFile ? secrets.hostPath((String) e.getValue()).toString() : e.getValue());
        }
        Secret secret = switch (type) {
            case "OAuth", "ApiToken", "ClientSecret" -> secretFrom(name, def, "env", "file");
            case "Credential" -> {
                String user = def.getString("username");
                if (user == null && def.get("usernameEnv") != null) {
                    user = env(name, def.getString("usernameEnv")).reveal();
                }
                if (user == null && def.get("usernameFile") != null) {
                    user = read(name, def.getString("usernameFile")).reveal();
                }
                attributes.put("username", user);
                yield secretFrom(name, def, "passwordEnv", "passwordFile");
            }
            case "ClientCertificate" -> def.get("passwordEnv") == null ? null
                    : env(name, def.getString("passwordEnv"));
            default -> null;
        };
        return AuthSession.of(name, type, attributes, secret);
    }

    private Secret secretFrom(String name, DataMap def, String envKey, String fileKey) {
        if (def.get(envKey) != null) {
            return env(name, def.getString(envKey));
        }
        if (def.get(fileKey) != null) {
            return read(name, def.getString(fileKey));
        }
        throw new IllegalStateException("Auth session '" + name + "' names no secret: give '" + envKey + "' or '"
                + fileKey + "'.");
    }

    // A session that cannot be materialised is an IllegalStateException, whatever the reader throws.
    private Secret env(String session, String variable) {
        try {
            return secrets.environment(variable, "Auth session '" + session + "'");
        } catch (ProviderException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private Secret read(String session, String file) {
        try {
            return secrets.file(file, "Auth session '" + session + "'");
        } catch (ProviderException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private static DataMap withoutFrameworkKeys(DataMap options) {
        DataMap out = new DataMap();
        if (options != null) {
            options.forEach((k, v) -> {
                if (!FRAMEWORK_KEYS.contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    private static boolean sameOptions(DataMap expected, DataMap actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            if (!actual.containsKey(e.getKey()) || !Values.eqi(e.getValue(), actual.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Names the requested keys only: option values may be secrets, and error text reaches results and logs. */
    private static String describe(DataMap options) {
        if (options.isEmpty()) {
            return "(none)";
        }
        return "with keys " + String.join(", ", options.keySet()) + " (values are not shown)";
    }

    private static Set<String> ci(Set<String> s) {
        TreeSet<String> t = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        t.addAll(s);
        return t;
    }
}
