package dev.idle.provider.googleworkspace;

import static dev.idle.provider.support.ProviderOptions.bool;
import static dev.idle.provider.support.ProviderOptions.integer;
import static dev.idle.provider.support.ProviderOptions.string;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.provider.support.AbstractProviderFactory;
import dev.idle.provider.support.http.Cleartext;
import dev.idle.provider.support.http.HttpClients;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Provider;
import dev.idle.spi.SecretReferences;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates {@link GoogleWorkspaceProvider}s from host-file entries with {@code type: googleworkspace}. Options (keys
 * case-insensitive): {@code auth}, {@code baseUrl}, {@code tokenUri}, {@code scopes}, {@code allowDelete},
 * {@code timeoutSeconds}, {@code pageSize}; see {@code docs/providers/googleworkspace.md}.
 *
 * <p>{@code baseUrl} and {@code tokenUri} must be {@code https}; plain {@code http} is accepted only for a loopback
 * host (a local simulator).
 */
public final class GoogleWorkspaceProviderFactory extends AbstractProviderFactory {
    static final String DEFAULT_BASE_URL = "https://admin.googleapis.com";
    static final List<String> OPTIONS = List.of("auth", "baseUrl", "tokenUri", "scopes", "allowDelete",
            "timeoutSeconds", "pageSize", "rateLimit");
    /**
     * Half of the Directory API's published default quota, 2,400 queries per minute per user per Cloud project
     * (reads included, so a write step's reads fit in the other half): 20 writes per second.
     */
    static final RateLimit DEFAULT_RATE_LIMIT = RateLimit.writesPerSecond(20);

    private final Clock clock;

    public GoogleWorkspaceProviderFactory() {
        this(System::getenv, Clock.systemUTC());
    }

    /** A factory reading environment variables through {@code environment} (tests, embedding hosts). */
    public GoogleWorkspaceProviderFactory(Function<String, String> environment, Clock clock) {
        super("googleworkspace", "Google Workspace", OPTIONS, environment);
        this.clock = clock;
    }

    @Override
    protected Provider create(Entry entry) {
        DataMap o = entry.options();
        String at = entry.at();
        String alias = entry.alias();
        URI baseUrl = checkedUrl(o.get("baseUrl") == null ? DEFAULT_BASE_URL : string(o.get("baseUrl"), at, "baseUrl"),
                "baseUrl", at);
        String tokenUri = null;
        if (o.get("tokenUri") != null) {
            tokenUri = checkedUrl(string(o.get("tokenUri"), at, "tokenUri"), "tokenUri", at).toString();
        }
        List<String> scopes = o.get("scopes") == null ? GoogleAuth.DEFAULT_SCOPES : strings(o.get("scopes"), at);
        boolean allowDelete = bool(o.get("allowDelete"), at, "allowDelete", false);
        int timeoutSeconds = integer(o.get("timeoutSeconds"), at, "timeoutSeconds", 30, 1, 3600);
        int pageSize = integer(o.get("pageSize"), at, "pageSize", 200, 1, 200);
        Supplier<AuthSession> session = o.get("auth") == null ? null
                : auth(o.get("auth"), alias, entry.secrets(), at);
        RateLimit rateLimit = RateLimit.parse(o.get("rateLimit"), at, DEFAULT_RATE_LIMIT);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HttpClient client = HttpClients.builder(timeout, null, baseUrl).build();
        ObjectMapper json = new ObjectMapper();
        GoogleHttp http = new GoogleHttp(client, baseUrl, timeout, clock, json, rateLimit);
        GoogleAuth auth = new GoogleAuth(client, clock, json, tokenUri, scopes, timeout);
        return new GoogleWorkspaceProvider(alias, http, auth, session, allowDelete, pageSize, json);
    }

    /** {@code https://...}, or {@code http://} to a loopback address only. */
    static URI checkedUrl(String raw, String key, String at) {
        URI uri;
        try {
            uri = URI.create(raw.trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": option '" + key + "' is not a URL: '" + raw + "'.");
        }
        return Cleartext.requireHttpsOrLoopback(uri, at, key);
    }

    private Supplier<AuthSession> auth(Object raw, String alias, SecretReferences secrets, String at) {
        if (!(raw instanceof DataMap def)) {
            throw new IllegalArgumentException(at + ": option 'auth' must be a map with a 'type'.");
        }
        String type = def.getString("type");
        Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        String name = alias + ".auth";
        if ("ServiceAccount".equalsIgnoreCase(type)) {
            allowed.addAll(List.of("type", "file", "subject"));
        } else if ("OAuth".equalsIgnoreCase(type)) {
            allowed.addAll(List.of("type", "env", "file"));
        } else {
            throw new IllegalArgumentException(at + ": auth.type must be ServiceAccount or OAuth (got '" + type
                    + "').");
        }
        for (String key : def.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(at + ": auth: unknown key '" + key + "' for type " + type
                        + " (secrets are referenced with 'env' or 'file', never written inline). Allowed: "
                        + String.join(", ", allowed) + ".");
            }
        }
        if ("ServiceAccount".equalsIgnoreCase(type)) {
            String file = string(def.get("file"), at, "auth.file");
            String subject = string(def.get("subject"), at, "auth.subject");
            Path path = secrets.hostPath(file);
            AuthSession s = AuthSession.of(name, "ServiceAccount",
                    DataMap.of("file", path.toString(), "subject", subject), null);
            return () -> s;
        }
        String variable = def.get("env") == null ? null : string(def.get("env"), at, "auth.env");
        String file = def.get("file") == null ? null : string(def.get("file"), at, "auth.file");
        if ((variable == null) == (file == null)) {
            throw new IllegalArgumentException(at + ": auth (OAuth) needs exactly one of 'env' or 'file'.");
        }
        return () -> AuthSession.of(name, "OAuth", new DataMap(), variable != null
                ? secrets.environment(variable, at) : secrets.file(file, at));
    }

    private static List<String> strings(Object v, String at) {
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            out.addAll(List.of(s.trim().split("\\s+")));
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(string(x, at, "scopes")));
        } else {
            throw new IllegalArgumentException(at + ": option 'scopes' must be a list of scope URLs.");
        }
        return out;
    }
}
