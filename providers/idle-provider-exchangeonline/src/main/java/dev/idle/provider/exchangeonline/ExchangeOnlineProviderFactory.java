package dev.idle.provider.exchangeonline;

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
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Creates {@link ExchangeOnlineProvider}s for host-file entries with {@code type: exchangeonline}. Options (keys
 * case-insensitive): {@code tenantId} (required), {@code graphBaseUrl}, {@code exchangeBaseUrl},
 * {@code exchangeScope}, {@code authorityHost}, {@code auth}, {@code trustStore}, {@code trustStorePasswordEnv} or
 * {@code trustStorePasswordFile},
 * {@code timeoutSeconds}; see {@code docs/providers/exchangeonline.md}. Secrets are referenced ({@code env},
 * {@code file}, {@code passwordEnv}), never written in the host file, and read when the first token is needed. The
 * trust-store and {@code auth} options are parsed by {@link MicrosoftIdentityOptions}, shared with the Entra ID
 * provider.
 */
public final class ExchangeOnlineProviderFactory extends AbstractProviderFactory {
    static final String DEFAULT_GRAPH = "https://graph.microsoft.com/v1.0";
    static final String DEFAULT_EXCHANGE = "https://outlook.office365.com/adminapi/beta";
    static final String DEFAULT_EXCHANGE_SCOPE = "https://outlook.office365.com/.default";
    static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";
    static final List<String> OPTIONS = List.of("tenantId", "graphBaseUrl", "exchangeBaseUrl", "exchangeScope",
            "authorityHost", "auth", "trustStore", "trustStorePasswordEnv", "trustStorePasswordFile", "timeoutSeconds", "rateLimit");

    public ExchangeOnlineProviderFactory() {
        this(System::getenv);
    }

    /** A factory reading environment variables through {@code environment} (tests, embedding hosts). */
    public ExchangeOnlineProviderFactory(Function<String, String> environment) {
        super("exchangeonline", "Exchange Online", OPTIONS, environment);
    }

    @Override
    protected Provider create(Entry entry) {
        DataMap o = entry.options();
        String at = entry.at();
        String alias = entry.alias();
        SecretReferences secrets = entry.secrets();
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
        int timeoutSeconds = integer(o.get("timeoutSeconds"), at, "timeoutSeconds", 30, 1, 3600);
        SSLContext ssl = MicrosoftIdentityOptions.trustStore(o, secrets, at);
        Supplier<AuthSession> defaultSession = o.get("auth") == null ? null
                : MicrosoftIdentityOptions.auth(o.get("auth"), alias, secrets, at);

        // Exchange Online publishes throttling policies but no request rate: unpaced unless the host sets one
        RateLimit rateLimit = RateLimit.parse(o.get("rateLimit"), at, RateLimit.NONE);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ObjectMapper json = new ObjectMapper();
        URI g = URI.create(graph); // https, as the Exchange and token endpoints
        String graphScope = g.getScheme() + "://" + g.getRawAuthority() + "/.default";
        ExoAuth auth = new ExoAuth(authority, tenantId,
                new JdkHttpClientBuilder(HttpClients.builder(timeout, ssl, g)).build(), defaultSession);
        return new ExchangeOnlineProvider(alias, graph, exchange, tenantId, graphScope, exchangeScope,
                new ExoHttp(HttpClients.builder(timeout, ssl, g).build(), timeout, json, rateLimit), auth, json);
    }

    private static String https(Object v, String dflt, String at, String key) {
        String s = v == null ? dflt : string(v, at, key);
        if (!s.regionMatches(true, 0, "https://", 0, 8)) {
            throw new IllegalArgumentException(at + ": option '" + key + "' must be an https URL (got '" + s + "').");
        }
        return s.replaceAll("/+$", "");
    }
}
