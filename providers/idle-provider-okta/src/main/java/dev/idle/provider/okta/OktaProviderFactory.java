package dev.idle.provider.okta;

import static dev.idle.provider.support.ProviderOptions.bool;
import static dev.idle.provider.support.ProviderOptions.integer;
import static dev.idle.provider.support.ProviderOptions.string;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.provider.support.AbstractProviderFactory;
import dev.idle.provider.support.http.Cleartext;
import dev.idle.provider.support.http.HttpClients;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.spi.Provider;
import dev.idle.spi.SecretReferences;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates {@link OktaProvider}s from host-file entries with {@code type: okta}. Options (keys case-insensitive):
 * {@code baseUrl} (required, your org URL), {@code auth}, {@code allowDelete}, {@code revokeOAuthTokens},
 * {@code activateOnCreate}, {@code timeoutSeconds}, {@code pageSize}; see {@code docs/providers/okta.md}.
 *
 * <p>{@code baseUrl} must be {@code https}; plain {@code http} is accepted only for a loopback host (a local
 * simulator), so a token never crosses a network in clear. Secrets are referenced by {@code auth.env} or
 * {@code auth.file} and read when the first call needs them.
 */
public final class OktaProviderFactory extends AbstractProviderFactory {
    /**
     * Half of Okta's published 600 requests per minute of the {@code /api/v1/users} bucket (Enterprise and
     * Workforce Identity orgs), since a write step also reads the user: 5 writes per second.
     */
    static final RateLimit DEFAULT_RATE_LIMIT = RateLimit.writesPerSecond(5);
    static final List<String> OPTIONS = List.of("baseUrl", "auth", "allowDelete", "revokeOAuthTokens",
            "activateOnCreate", "timeoutSeconds", "pageSize", "rateLimit");

    private final Clock clock;

    /** The factory {@link java.util.ServiceLoader} finds: environment variables of the process. */
    public OktaProviderFactory() {
        this(System::getenv, Clock.systemUTC());
    }

    /** A factory reading environment variables through {@code environment} (tests, embedding hosts). */
    public OktaProviderFactory(Function<String, String> environment, Clock clock) {
        super("okta", "Okta", OPTIONS, environment);
        this.clock = clock;
    }

    @Override
    protected Provider create(Entry entry) {
        DataMap o = entry.options();
        String at = entry.at();
        if (o.get("baseUrl") == null) {
            throw new IllegalArgumentException(at + ": option 'baseUrl' is required (your Okta org URL, e.g."
                    + " https://example.okta.com).");
        }
        URI baseUrl = baseUrl(string(o.get("baseUrl"), at, "baseUrl"), at);
        boolean allowDelete = bool(o.get("allowDelete"), at, "allowDelete", false);
        boolean revokeOAuthTokens = bool(o.get("revokeOAuthTokens"), at, "revokeOAuthTokens", true);
        boolean activateOnCreate = bool(o.get("activateOnCreate"), at, "activateOnCreate", true);
        int timeoutSeconds = integer(o.get("timeoutSeconds"), at, "timeoutSeconds", 30, 1, 3600);
        int pageSize = integer(o.get("pageSize"), at, "pageSize", 200, 1, 10000);
        RateLimit rateLimit = RateLimit.parse(o.get("rateLimit"), at, DEFAULT_RATE_LIMIT);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HttpClient client = HttpClients.builder(timeout, null, baseUrl).build();
        Supplier<OktaCredentials> credentials = o.get("auth") == null ? null
                : auth(o.get("auth"), entry.secrets(), at, client, baseUrl, timeout);
        ObjectMapper json = new ObjectMapper();
        OktaHttp http = new OktaHttp(client, baseUrl, timeout, clock, json, rateLimit);
        return new OktaProvider(entry.alias(), http, credentials, allowDelete, revokeOAuthTokens, activateOnCreate,
                pageSize, json);
    }

    /** {@code https://...}, or {@code http://} to a loopback address only. */
    static URI baseUrl(String raw, String at) {
        URI uri;
        try {
            uri = URI.create(raw.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": option 'baseUrl' is not a URL: '" + raw + "'.");
        }
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
                || uri.getQuery() != null) {
            throw new IllegalArgumentException(at + ": option 'baseUrl' must be an origin such as"
                    + " https://example.okta.com (no path), got '" + raw + "'.");
        }
        return Cleartext.requireHttpsOrLoopback(uri, at, "baseUrl");
    }

    private Supplier<OktaCredentials> auth(Object raw, SecretReferences secrets, String at, HttpClient client,
                                           URI baseUrl, Duration timeout) {
        if (!(raw instanceof DataMap def)) {
            throw new IllegalArgumentException(at + ": option 'auth' must be a map with a 'type'.");
        }
        String type = def.getString("type");
        if ("PrivateKeyJwt".equalsIgnoreCase(type)) {
            return privateKeyJwt(def, secrets, at, client, baseUrl, timeout);
        }
        String scheme;
        if ("ApiToken".equalsIgnoreCase(type)) {
            scheme = "SSWS";
        } else if ("OAuth".equalsIgnoreCase(type)) {
            scheme = "Bearer";
        } else {
            throw new IllegalArgumentException(at + ": auth.type must be ApiToken, OAuth or PrivateKeyJwt (got '"
                    + type + "').");
        }
        Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        allowed.addAll(List.of("type", "env", "file"));
        for (String key : def.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(at + ": auth: unknown key '" + key + "' (secrets are referenced"
                        + " with 'env' or 'file', never written inline). Allowed: env, file.");
            }
        }
        String variable = def.get("env") == null ? null : string(def.get("env"), at, "auth.env");
        String file = def.get("file") == null ? null : string(def.get("file"), at, "auth.file");
        if ((variable == null) == (file == null)) {
            throw new IllegalArgumentException(at + ": auth (" + type + ") needs exactly one of 'env' or 'file'.");
        }
        return new Supplier<>() {
            private OktaCredentials cached;

            @Override
            public synchronized OktaCredentials get() {
                if (cached == null) {
                    cached = new OktaCredentials(scheme, variable != null ? secrets.environment(variable, at)
                            : secrets.file(file, at));
                }
                return cached;
            }
        };
    }

    private Supplier<OktaCredentials> privateKeyJwt(DataMap def, SecretReferences secrets, String at,
                                                    HttpClient client, URI baseUrl, Duration timeout) {
        Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        allowed.addAll(List.of("type", "clientId", "file", "keyId", "scopes"));
        for (String key : def.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(at + ": auth: unknown key '" + key + "' for type PrivateKeyJwt"
                        + " (the private key is referenced with 'file', never written inline). Allowed: clientId,"
                        + " file, keyId, scopes.");
            }
        }
        String clientId = string(def.get("clientId"), at, "auth.clientId");
        Path file = secrets.hostPath(string(def.get("file"), at, "auth.file"));
        String keyId = def.get("keyId") == null ? null : string(def.get("keyId"), at, "auth.keyId");
        List<String> scopes = OktaPrivateKeyJwt.DEFAULT_SCOPES;
        Object rawScopes = def.get("scopes");
        if (rawScopes instanceof String s && !s.isBlank()) {
            scopes = List.of(s.trim().split("\\s+"));
        } else if (rawScopes instanceof java.util.Collection<?> c && !c.isEmpty()) {
            scopes = c.stream().map(x -> string(x, at, "auth.scopes")).toList();
        } else if (rawScopes != null) {
            throw new IllegalArgumentException(at + ": auth.scopes must be a list of okta.* scopes.");
        }
        return new OktaPrivateKeyJwt(client, baseUrl, clientId, file, keyId, scopes, clock, timeout);
    }
}
