package dev.idle.provider.entraid;

import static dev.idle.provider.support.ProviderOptions.bool;
import static dev.idle.provider.support.ProviderOptions.integer;
import static dev.idle.provider.support.ProviderOptions.string;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.provider.microsoft.MicrosoftIdentityOptions;
import dev.idle.provider.support.AbstractProviderFactory;
import dev.idle.provider.support.http.HttpClients;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Provider;
import dev.idle.spi.SecretReferences;
import dev.idle.spi.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Creates {@link EntraIdProvider}s from host-file entries with {@code type: entraid}. Options (keys
 * case-insensitive): {@code baseUrl}, {@code authorityHost}, {@code auth}, {@code trustStore},
 * {@code trustStorePasswordEnv} or {@code trustStorePasswordFile}, {@code allowDelete}, {@code timeoutSeconds},
 * {@code pageSize}, {@code batchRetries}, {@code maxBatchWaitSeconds}, {@code rateLimit}; see {@code docs/providers/entraid.md}.
 *
 * <p>Secrets are never written in the host file: {@code auth.env} / {@code auth.file} name where the client secret
 * (or token) is; {@code auth.passwordEnv} names an environment variable. They are read when the first token is
 * requested, not when the host is loaded. The trust store and its password ({@code trustStorePasswordEnv}, an
 * environment variable, or {@code trustStorePasswordFile}) are read when the host is loaded. Both options are parsed
 * by {@link MicrosoftIdentityOptions}, shared with the Exchange Online provider.
 */
public final class EntraIdProviderFactory extends AbstractProviderFactory {
    static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";
    static final String DEFAULT_AUTHORITY = "login.microsoftonline.com";
    static final List<String> OPTIONS = List.of("baseUrl", "authorityHost", "auth", "trustStore",
            "trustStorePasswordEnv", "trustStorePasswordFile", "allowDelete", "timeoutSeconds", "pageSize",
            "batchRetries", "maxBatchWaitSeconds", "rateLimit");
    /**
     * Graph's published limit for identity writes, 3,000 requests per 150 s per app and tenant, paced evenly
     * (no burst, which is what draws 429s).
     */
    static final RateLimit DEFAULT_RATE_LIMIT = RateLimit.writesPerSecond(20);

    private final Sleeper sleeper;

    /** The factory {@link java.util.ServiceLoader} finds: environment variables from the process. */
    public EntraIdProviderFactory() {
        this(System::getenv, Sleeper.SYSTEM);
    }

    /** A factory reading environment variables through {@code environment} (tests, embedding hosts). */
    public EntraIdProviderFactory(Function<String, String> environment) {
        this(environment, Sleeper.SYSTEM);
    }

    EntraIdProviderFactory(Function<String, String> environment, Sleeper sleeper) {
        super("entraid", "Entra ID", OPTIONS, environment);
        this.sleeper = sleeper;
    }

    @Override
    protected Provider create(Entry entry) {
        DataMap o = entry.options();
        String at = entry.at();
        String alias = entry.alias();
        SecretReferences secrets = entry.secrets();
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
        RateLimit rateLimit = RateLimit.parse(o.get("rateLimit"), at, DEFAULT_RATE_LIMIT);
        SSLContext ssl = MicrosoftIdentityOptions.trustStore(o, secrets, at);
        Supplier<AuthSession> defaultSession = o.get("auth") == null ? null
                : MicrosoftIdentityOptions.auth(o.get("auth"), alias, secrets, at);

        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ObjectMapper json = new ObjectMapper();
        URI https = URI.create(baseUrl); // the token endpoint is https as well
        GraphClient graph = new GraphClient(HttpClients.builder(timeout, ssl, https).build(), baseUrl, timeout,
                Clock.systemUTC(), json, rateLimit);
        GraphAuth auth = new GraphAuth(graph, authorityHost,
                new JdkHttpClientBuilder(HttpClients.builder(timeout, ssl, https)).build(), Clock.systemUTC(),
                defaultSession);
        return new EntraIdProvider(alias, graph, auth, allowDelete, pageSize, batchRetries,
                Duration.ofSeconds(maxBatchWait), sleeper, json);
    }
}
