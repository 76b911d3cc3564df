package dev.idle.provider.keycloak;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.provider.support.ProviderOptions;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.TrustStores;
import dev.idle.provider.support.http.Cleartext;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Creates {@link KeycloakProvider}s from host-file entries with {@code type: keycloak}. Options (keys
 * case-insensitive; unknown keys are an error):
 * <ul>
 *   <li>{@code baseUrl} (required): the server root, {@code https://sso.example.com}; plain {@code http} is refused
 *       except to a loopback host (a local test server), so the client secret never crosses a network in clear;</li>
 *   <li>{@code realm} (required): the realm whose users are managed;</li>
 *   <li>{@code auth}: {@code {type: ClientSecret, clientId, env | file, realm?}}, the default credentials, a
 *       confidential client with a service account; {@code realm} is where the client lives (default: {@code realm});</li>
 *   <li>{@code allowDelete} (false), {@code revokeOfflineTokens} (false);</li>
 *   <li>{@code trustStore}: PEM certificate file, PKCS12 or JKS trust store for a server with a private CA, with
 *       optional {@code trustStorePasswordEnv}; verification is never switched off;</li>
 *   <li>{@code timeoutSeconds} (30): per request.</li>
 * </ul>
 * Secrets are never read from the host file: {@code auth} names an environment variable or a file, read when the
 * first token is needed.
 */
public final class KeycloakProviderFactory implements ProviderFactory {
    static final List<String> OPTIONS = List.of("baseUrl", "realm", "auth", "allowDelete", "revokeOfflineTokens",
            "trustStore", "trustStorePasswordEnv", "timeoutSeconds", "rateLimit");
    private static final Set<String> AUTH_KEYS = ci(Set.of("type", "clientId", "env", "file", "realm"));

    private final Function<String, String> environment;

    public KeycloakProviderFactory() {
        this(System::getenv);
    }

    KeycloakProviderFactory(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String type() {
        return "keycloak";
    }

    @Override
    public Provider create(String alias, DataMap options, Environment env) {
        return new KeycloakProvider(config(alias, options == null ? new DataMap() : options,
                ProviderOptions.secrets(env, environment)));
    }

    KeycloakConfig config(String alias, DataMap o, Path base) {
        return config(alias, o, SecretReferences.of(base).withEnvironment(environment));
    }

    private KeycloakConfig config(String alias, DataMap o, SecretReferences secrets) {
        String at = "Keycloak provider '" + alias + "'";
        for (String key : o.keySet()) {
            if (!key.equalsIgnoreCase("type") && OPTIONS.stream().noneMatch(key::equalsIgnoreCase)) {
                String hint = isSecretName(key) ? " Secrets must not be written in the host file; use auth.env or auth.file."
                        : " Supported options: " + String.join(", ", OPTIONS) + ".";
                throw new IllegalArgumentException(at + ": unknown option '" + key + "'." + hint);
            }
        }
        URI baseUrl = baseUrl(at, required(o, "baseUrl", at));
        String realm = required(o, "realm", at);
        KeycloakConfig.ClientAuth auth = o.get("auth") == null ? null : auth(at, o.get("auth"), realm, secrets);
        boolean allowDelete = bool(o, "allowDelete", at);
        boolean revokeOffline = bool(o, "revokeOfflineTokens", at);
        SSLContext ssl = o.get("trustStore") == null ? null
                : trust(at, secrets.hostPath(string(o.get("trustStore"), "trustStore", at)), secrets,
                o.getString("trustStorePasswordEnv"));
        long timeout = 30;
        if (o.get("timeoutSeconds") != null) {
            Object t = o.get("timeoutSeconds");
            try {
                timeout = t instanceof Number n ? n.longValue() : Long.parseLong(Values.ps(t).trim());
            } catch (NumberFormatException e) {
                timeout = -1;
            }
            if (timeout < 1 || timeout > 600) {
                throw new IllegalArgumentException(at + ": option 'timeoutSeconds' must be a whole number from 1 to 600.");
            }
        }
        RateLimit rateLimit = RateLimit.parse(o.get("rateLimit"), at, RateLimit.NONE);
        return new KeycloakConfig(alias, baseUrl, realm, auth, allowDelete, revokeOffline, ssl, Duration.ofSeconds(timeout),
                rateLimit);
    }

    private KeycloakConfig.ClientAuth auth(String at, Object value, String realm, SecretReferences secrets) {
        if (!(value instanceof DataMap a)) {
            throw new IllegalArgumentException(at + ": option 'auth' must be a map {type: ClientSecret, clientId, env | file}.");
        }
        for (String key : a.keySet()) {
            if (!AUTH_KEYS.contains(key)) {
                throw new IllegalArgumentException(at + ": auth." + key + (isSecretName(key)
                        ? ": secrets must not be written in the host file; reference them with 'env' (an environment variable) or 'file'"
                        : ": unknown key. Allowed: " + String.join(", ", new TreeSet<>(AUTH_KEYS)) + "."));
            }
        }
        String type = a.getString("type");
        if (type == null || !type.equalsIgnoreCase("ClientSecret")) {
            throw new IllegalArgumentException(at + ": auth.type must be ClientSecret"
                    + (type == null ? "" : " (got '" + type + "')") + ".");
        }
        String clientId = required(a, "clientId", at + ": auth");
        String authRealm = a.get("realm") == null ? realm : string(a.get("realm"), "auth.realm", at);
        String env = a.get("env") == null ? null : string(a.get("env"), "auth.env", at);
        String file = a.get("file") == null ? null : string(a.get("file"), "auth.file", at);
        if ((env == null) == (file == null)) {
            throw new IllegalArgumentException(at + ": auth needs exactly one of 'env' (environment variable) or 'file'"
                    + " holding the client secret.");
        }
        Supplier<Secret> secret = env != null ? () -> secrets.environment(env, at, "client secret")
                : () -> secrets.file(file, at, "client secret file");
        return new KeycloakConfig.ClientAuth(authRealm, clientId, secret);
    }

    /**
     * A PEM certificate file, or a PKCS12 ({@code .p12}/{@code .pfx}) or JKS ({@code .jks}) trust store opened with
     * the password in {@code passwordEnv}.
     */
    private static SSLContext trust(String at, Path file, SecretReferences secrets, String passwordEnv) {
        TrustStores.Format format = TrustStores.Format.byFileName(file);
        char[] password = format == TrustStores.Format.PEM ? null
                : TrustStores.password(secrets, passwordEnv, null, at);
        try {
            KeyStore ks = TrustStores.load(file, format, password);
            if (format == TrustStores.Format.PEM && TrustStores.isEmpty(ks)) {
                throw new IllegalArgumentException(at + ": trustStore " + file + " holds no certificate.");
            }
            return TrustStores.sslContext(ks);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(at + ": cannot load trustStore " + file + ": " + e.getMessage());
        }
    }

    private static URI baseUrl(String at, String value) {
        String v = value.strip();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(v);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
                throw new URISyntaxException(v, "not an http(s) URL");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(v, "must not have a query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(at + ": option 'baseUrl' must be the server's http(s) root URL, e.g."
                    + " https://sso.example.com (got '" + value + "').");
        }
        // The client secret and every access token go to this URL: never in clear across a network.
        return Cleartext.requireHttpsOrLoopback(uri, at, "baseUrl");
    }

    private static String required(DataMap o, String key, String at) {
        if (o.get(key) == null) {
            throw new IllegalArgumentException(at + ": option '" + key + "' is required.");
        }
        return string(o.get(key), key, at);
    }

    private static String string(Object value, String key, String at) {
        if (value instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be a non-empty string.");
    }

    private static boolean bool(DataMap o, String key, String at) {
        Object v = o.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.trim());
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be true or false.");
    }

    private static boolean isSecretName(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("password") || k.contains("token") || k.equals("value")
                || k.contains("credential") || k.contains("apikey");
    }

    private static Set<String> ci(Set<String> s) {
        TreeSet<String> t = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        t.addAll(s);
        return t;
    }
}
