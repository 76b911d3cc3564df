package dev.idle.provider.exchangeonline;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
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
 * Creates {@link ExchangeOnlineProvider}s for host-file entries with {@code type: exchangeonline}. Options (keys
 * case-insensitive): {@code tenantId} (required), {@code graphBaseUrl}, {@code exchangeBaseUrl},
 * {@code exchangeScope}, {@code authorityHost}, {@code auth}, {@code trustStore}, {@code trustStorePasswordEnv} or
 * {@code trustStorePasswordFile},
 * {@code timeoutSeconds}; see {@code docs/providers/exchangeonline.md}. Secrets are referenced ({@code env},
 * {@code file}, {@code passwordEnv}), never written in the host file, and read when the first token is needed.
 */
public final class ExchangeOnlineProviderFactory implements ProviderFactory {
    static final String DEFAULT_GRAPH = "https://graph.microsoft.com/v1.0";
    static final String DEFAULT_EXCHANGE = "https://outlook.office365.com/adminapi/beta";
    static final String DEFAULT_EXCHANGE_SCOPE = "https://outlook.office365.com/.default";
    static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";
    static final List<String> OPTIONS = List.of("tenantId", "graphBaseUrl", "exchangeBaseUrl", "exchangeScope",
            "authorityHost", "auth", "trustStore", "trustStorePasswordEnv", "trustStorePasswordFile", "timeoutSeconds");
    static final Map<String, Set<String>> AUTH_KEYS = Map.of(
            "ClientSecret", ci("tenantId", "clientId", "env", "file", "authority"),
            "ClientCertificate", ci("tenantId", "clientId", "file", "passwordEnv", "authority"),
            "ManagedIdentity", ci("clientId"),
            "WorkloadIdentity", ci("tenantId", "clientId", "tokenFile", "authority"),
            "DefaultChain", ci("tenantId", "clientId", "authority"),
            "OAuth", ci("env", "file"));

    private final Function<String, String> environment;

    public ExchangeOnlineProviderFactory() {
        this(System::getenv);
    }

    /** A factory reading environment variables through {@code environment} (tests, embedding hosts). */
    public ExchangeOnlineProviderFactory(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String type() {
        return "exchangeonline";
    }

    @Override
    public Provider create(String alias, DataMap options, Environment env) {
        DataMap o = options == null ? new DataMap() : options;
        String at = "Exchange Online provider '" + alias + "'";
        for (String key : o.keySet()) {
            if (!key.equalsIgnoreCase("type") && OPTIONS.stream().noneMatch(key::equalsIgnoreCase)) {
                throw new IllegalArgumentException(at + ": unknown option '" + key + "'. Supported options: "
                        + String.join(", ", OPTIONS) + ".");
            }
        }
        Path base = env == null || env.baseDirectory() == null ? Path.of(".") : env.baseDirectory();
        if (o.get("tenantId") == null) {
            throw new IllegalArgumentException(at + ": option 'tenantId' is required (the tenant id or initial "
                    + "domain, e.g. contoso.onmicrosoft.com; it is part of the Exchange admin API URL).");
        }
        String tenantId = string(o.get("tenantId"), at, "tenantId");
        String graph = https(o.get("graphBaseUrl"), DEFAULT_GRAPH, at, "graphBaseUrl");
        String exchange = https(o.get("exchangeBaseUrl"), DEFAULT_EXCHANGE, at, "exchangeBaseUrl");
        String authority = https(o.get("authorityHost"), DEFAULT_AUTHORITY, at, "authorityHost");
        String exchangeScope = o.get("exchangeScope") == null ? DEFAULT_EXCHANGE_SCOPE
                : string(o.get("exchangeScope"), at, "exchangeScope");
        int timeoutSeconds = timeout(o.get("timeoutSeconds"), at);
        SSLContext ssl = sslContext(o, base, at);
        Supplier<AuthSession> defaultSession = o.get("auth") == null ? null : authOption(o.get("auth"), alias, base, at);

        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder().connectTimeout(timeout);
        java.net.http.HttpClient.Builder azure = java.net.http.HttpClient.newBuilder().connectTimeout(timeout);
        if (ssl != null) {
            b.sslContext(ssl);
            azure.sslContext(ssl);
        }
        ObjectMapper json = new ObjectMapper();
        URI g = URI.create(graph);
        String graphScope = g.getScheme() + "://" + g.getRawAuthority() + "/.default";
        ExoAuth auth = new ExoAuth(authority, tenantId, new JdkHttpClientBuilder(azure).build(), defaultSession);
        return new ExchangeOnlineProvider(alias, graph, exchange, tenantId, graphScope, exchangeScope,
                new ExoHttp(b.build(), timeout, json), auth, json);
    }

    private Supplier<AuthSession> authOption(Object raw, String alias, Path base, String at) {
        if (!(raw instanceof DataMap def)) {
            throw new IllegalArgumentException(at + ": option 'auth' must be a map with a 'type'.");
        }
        String rawType = def.getString("type");
        String type = AUTH_KEYS.keySet().stream().filter(t -> t.equalsIgnoreCase(rawType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(at + ": auth.type must be one of "
                        + String.join(", ", new TreeSet<>(AUTH_KEYS.keySet())) + " (got '" + rawType + "')."));
        for (String key : def.keySet()) {
            if (!key.equalsIgnoreCase("type") && !AUTH_KEYS.get(type).contains(key)) {
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
        return () -> {
            Secret secret = switch (type) {
                case "ClientSecret", "OAuth" -> def.get("env") != null ? Secret.of(env(def.getString("env"), at))
                        : Secret.of(read(attributes.getString("file"), at));
                case "ClientCertificate" -> def.get("passwordEnv") == null ? null
                        : Secret.of(env(def.getString("passwordEnv"), at));
                default -> null;
            };
            return AuthSession.of(alias + ".auth", type, attributes, secret);
        };
    }

    private String env(String variable, String at) {
        String v = environment.apply(variable);
        if (v == null || v.isEmpty()) {
            throw new ProviderException(at + ": environment variable " + variable + " is not set.");
        }
        return v;
    }

    private static String read(String file, String at) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ProviderException(at + ": cannot read secret file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private SSLContext sslContext(DataMap o, Path base, String at) {
        if (o.get("trustStore") == null) {
            if (o.get("trustStorePasswordEnv") != null || o.get("trustStorePasswordFile") != null) {
                throw new IllegalArgumentException(at + ": option 'trustStorePassword…' needs 'trustStore'.");
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
        } else if (o.get("trustStorePasswordFile") != null) {
            Path file = base.resolve(string(o.get("trustStorePasswordFile"), at, "trustStorePasswordFile"));
            try {
                password = Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException(at + ": cannot read trustStorePasswordFile " + file + ": "
                        + e.getClass().getSimpleName());
            }
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

    private static String https(Object v, String dflt, String at, String key) {
        String s = v == null ? dflt : string(v, at, key);
        if (!s.regionMatches(true, 0, "https://", 0, 8)) {
            throw new IllegalArgumentException(at + ": option '" + key + "' must be an https URL (got '" + s + "').");
        }
        return s.replaceAll("/+$", "");
    }

    private static String string(Object v, String at, String key) {
        if (v instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be a non-empty string, got '"
                + Values.ps(v) + "'.");
    }

    private static int timeout(Object v, String at) {
        if (v == null) {
            return 30;
        }
        try {
            int n = v instanceof Number num ? Math.toIntExact(num.longValue()) : Integer.parseInt(String.valueOf(v).trim());
            if (n >= 1 && n <= 3600) {
                return n;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(at + ": option 'timeoutSeconds' must be a whole number from 1 to 3600, got '"
                + Values.ps(v) + "'.");
    }

    private static Set<String> ci(String... keys) {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(keys));
        return s;
    }
}
