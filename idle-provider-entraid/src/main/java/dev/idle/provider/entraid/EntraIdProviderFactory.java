package dev.idle.provider.entraid;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Creates {@link EntraIdProvider}s from host-file entries with {@code type: entraid}. Options (keys
 * case-insensitive): {@code baseUrl}, {@code authorityHost}, {@code auth}, {@code trustStore},
 * {@code trustStorePasswordEnv}, {@code allowDelete}, {@code timeoutSeconds}, {@code pageSize},
 * {@code batchRetries}, {@code maxBatchWaitSeconds}; see {@code docs/providers/entraid.md}.
 *
 * <p>Secrets are never written in the host file: {@code auth.env} / {@code auth.file} name where the client secret
 * (or token) is; {@code auth.passwordEnv} and {@code trustStorePasswordEnv} name environment variables. They are
 * read when the first token is requested, not when the host is loaded.
 */
public final class EntraIdProviderFactory implements ProviderFactory {
    static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";
    static final String DEFAULT_AUTHORITY = "login.microsoftonline.com";
    static final List<String> OPTIONS = List.of("baseUrl", "authorityHost", "auth", "trustStore",
            "trustStorePasswordEnv", "allowDelete", "timeoutSeconds", "pageSize", "batchRetries",
            "maxBatchWaitSeconds");
    /** Keys of the {@code auth} option per type, besides {@code type}. */
    static final Map<String, Set<String>> AUTH_KEYS = Map.of(
            "ClientSecret", ci("tenantId", "clientId", "env", "file", "authority"),
            "ClientCertificate", ci("tenantId", "clientId", "file", "passwordEnv", "authority"),
            "ManagedIdentity", ci("clientId"),
            "WorkloadIdentity", ci("tenantId", "clientId", "tokenFile", "authority"),
            "DefaultChain", ci("tenantId", "clientId", "authority"),
            "OAuth", ci("env", "file"));

    private final Function<String, String> environment;
    private final EntraIdProvider.Sleeper sleeper;

    /** The factory {@link java.util.ServiceLoader} finds: environment variables from the process. */
    public EntraIdProviderFactory() {
        this(System::getenv, d -> Thread.sleep(d.toMillis()));
    }

    /** A factory reading environment variables through {@code environment} (tests, embedding hosts). */
    public EntraIdProviderFactory(Function<String, String> environment) {
        this(environment, d -> Thread.sleep(d.toMillis()));
    }

    EntraIdProviderFactory(Function<String, String> environment, EntraIdProvider.Sleeper sleeper) {
        this.environment = environment;
        this.sleeper = sleeper;
    }

    @Override
    public String type() {
        return "entraid";
    }

    @Override
    public Provider create(String alias, DataMap options, Environment env) {
        DataMap o = options == null ? new DataMap() : options;
        String at = "Entra ID provider '" + alias + "'";
        for (String key : o.keySet()) {
            if (!key.equalsIgnoreCase("type") && OPTIONS.stream().noneMatch(key::equalsIgnoreCase)) {
                throw new IllegalArgumentException(at + ": unknown option '" + key + "'. Supported options: "
                        + String.join(", ", OPTIONS) + ".");
            }
        }
        Path base = env == null || env.baseDirectory() == null ? Path.of(".") : env.baseDirectory();
        String baseUrl = o.get("baseUrl") == null ? DEFAULT_BASE_URL : string(o.get("baseUrl"), at, "baseUrl");
        if (!baseUrl.regionMatches(true, 0, "https://", 0, 8)) {
            throw new IllegalArgumentException(at + ": option 'baseUrl' must be an https URL (got '" + baseUrl + "').");
        }
        String authorityHost = o.get("authorityHost") == null ? DEFAULT_AUTHORITY
                : string(o.get("authorityHost"), at, "authorityHost");
        try {
            GraphAuth.authority(authorityHost);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(at + ": option 'authorityHost': " + e.getMessage());
        }
        boolean allowDelete = bool(o.get("allowDelete"), at, "allowDelete", false);
        int timeoutSeconds = integer(o.get("timeoutSeconds"), at, "timeoutSeconds", 30, 1, 3600);
        int pageSize = integer(o.get("pageSize"), at, "pageSize", 100, 1, 999);
        int batchRetries = integer(o.get("batchRetries"), at, "batchRetries", 5, 0, 100);
        int maxBatchWait = integer(o.get("maxBatchWaitSeconds"), at, "maxBatchWaitSeconds", 60, 0, 3600);
        SSLContext ssl = sslContext(o, base, at);
        Supplier<AuthSession> defaultSession = o.get("auth") == null ? null : authOption(o.get("auth"), alias, base, at);

        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        java.net.http.HttpClient.Builder graphHttp = java.net.http.HttpClient.newBuilder().connectTimeout(timeout);
        java.net.http.HttpClient.Builder azureHttp = java.net.http.HttpClient.newBuilder().connectTimeout(timeout);
        if (ssl != null) {
            graphHttp.sslContext(ssl);
            azureHttp.sslContext(ssl);
        }
        ObjectMapper json = new ObjectMapper();
        GraphClient graph = new GraphClient(graphHttp.build(), baseUrl, timeout, Clock.systemUTC(), json);
        GraphAuth auth = new GraphAuth(graph.resourceRoot(), authorityHost, new JdkHttpClientBuilder(azureHttp).build(),
                Clock.systemUTC(), defaultSession);
        return new EntraIdProvider(alias, graph, auth, allowDelete, pageSize, batchRetries,
                Duration.ofSeconds(maxBatchWait), sleeper, json);
    }

    /** Validates the {@code auth} option now; reads its secret when first needed. */
    private Supplier<AuthSession> authOption(Object raw, String alias, Path base, String at) {
        if (!(raw instanceof DataMap def)) {
            throw new IllegalArgumentException(at + ": option 'auth' must be a map with a 'type'.");
        }
        String rawType = def.getString("type");
        String type = AUTH_KEYS.keySet().stream().filter(t -> t.equalsIgnoreCase(rawType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(at + ": auth.type must be one of "
                        + String.join(", ", new TreeSet<>(AUTH_KEYS.keySet())) + " (got '" + rawType + "')."));
        for (String key : def.keySet()) {
            if (key.equalsIgnoreCase("type")) {
                continue;
            }
            if (!AUTH_KEYS.get(type).contains(key)) {
                throw new IllegalArgumentException(at + ": auth: unknown key '" + key + "' for type " + type
                        + " (secrets are referenced with 'env' or 'file', never written inline). Allowed: "
                        + String.join(", ", new TreeSet<>(AUTH_KEYS.get(type))) + ".");
            }
        }
        if ((type.equals("ClientSecret") || type.equals("OAuth")) && def.get("env") == null && def.get("file") == null) {
            throw new IllegalArgumentException(at + ": auth (" + type + ") names no secret: give 'env' or 'file'.");
        }
        DataMap attributes = new DataMap();
        def.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("type")) {
                boolean isFile = k.toLowerCase(Locale.ROOT).endsWith("file") && v instanceof String;
                attributes.put(k, isFile ? base.resolve((String) v).toAbsolutePath().normalize().toString() : v);
            }
        });
        String name = alias + ".auth";
        return () -> {
            Secret secret = switch (type) {
                case "ClientSecret", "OAuth" -> def.get("env") != null ? Secret.of(env(def.getString("env"), at))
                        : Secret.of(read(attributes.getString("file"), at));
                case "ClientCertificate" -> def.get("passwordEnv") == null ? null
                        : Secret.of(env(def.getString("passwordEnv"), at));
                default -> null;
            };
            return AuthSession.of(name, type, attributes, secret);
        };
    }

    private String env(String variable, String at) {
        String v = environment.apply(variable);
        if (v == null || v.isEmpty()) {
            throw new dev.idle.spi.ProviderException(at + ": environment variable " + variable + " is not set.");
        }
        return v;
    }

    private static String read(String file, String at) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new dev.idle.spi.ProviderException(at + ": cannot read secret file " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private SSLContext sslContext(DataMap o, Path base, String at) {
        if (o.get("trustStore") == null) {
            if (o.get("trustStorePasswordEnv") != null) {
                throw new IllegalArgumentException(at + ": option 'trustStorePasswordEnv' needs 'trustStore'.");
            }
            return null;
        }
        Path path = base.resolve(string(o.get("trustStore"), at, "trustStore")).toAbsolutePath().normalize();
        char[] password = null;
        if (o.get("trustStorePasswordEnv") != null) {
            String variable = string(o.get("trustStorePasswordEnv"), at, "trustStorePasswordEnv");
            String v = environment.apply(variable);
            if (v == null) {
                throw new IllegalArgumentException(at + ": environment variable " + variable
                        + " (trustStorePasswordEnv) is not set.");
            }
            password = v.toCharArray();
        }
        String type = path.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(at + ": cannot load trust store " + path + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static String string(Object v, String at, String key) {
        if (v instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be a non-empty string, got '"
                + Values.ps(v) + "'.");
    }

    private static boolean bool(Object v, String at, String key, boolean dflt) {
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.trim());
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be true or false, got '"
                + Values.ps(v) + "'.");
    }

    private static int integer(Object v, String at, String key, int dflt, int min, int max) {
        if (v == null) {
            return dflt;
        }
        try {
            int n;
            if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
                n = Math.toIntExact(num.longValue());
            } else if (v instanceof String s) {
                n = Integer.parseInt(s.trim());
            } else {
                throw new NumberFormatException();
            }
            if (n >= min && n <= max) {
                return n;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be a whole number from " + min + " to "
                + max + ", got '" + Values.ps(v) + "'.");
    }

    private static Set<String> ci(String... keys) {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(keys));
        return s;
    }
}
