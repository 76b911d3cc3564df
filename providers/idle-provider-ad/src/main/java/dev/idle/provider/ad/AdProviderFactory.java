package dev.idle.provider.ad;

import static dev.idle.provider.support.ProviderOptions.optionalText;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.provider.support.ProviderOptions;
import dev.idle.provider.support.TrustStores;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Creates {@link AdProvider}s from host-file entries with {@code type: ad}. Every option is checked here, before any
 * connection is opened: plain LDAP (no TLS) is refused, naming the option at fault. See {@code docs/providers/ad.md}.
 */
public final class AdProviderFactory implements ProviderFactory {
    static final List<String> OPTIONS = List.of("server", "port", "tls", "url", "baseDn", "usersContainer",
            "trustStore", "trustStoreType", "trustStorePasswordEnv", "trustStorePasswordFile", "auth", "allowDelete",
            "passwordGenerationFallbackMinLength", "passwordGenerationRequireUpper", "passwordGenerationRequireLower",
            "passwordGenerationRequireDigit", "passwordGenerationRequireSpecial", "passwordGenerationSpecialCharSet",
            "poolSize", "timeoutSeconds");

    @Override
    public String type() {
        return "ad";
    }

    @Override
    public Provider create(String alias, DataMap options, Environment env) {
        AdSettings settings = settings(alias, options, env.secrets());
        return new AdProvider(settings, new AdConnector(settings));
    }

    /** Validates the options; every problem found is reported in one exception. */
    static AdSettings settings(String alias, DataMap options, SecretReferences secrets) {
        DataMap o = options == null ? new DataMap() : options;
        String at = "AD provider '" + alias + "'";
        List<String> problems = new ArrayList<>();
        problems.addAll(ProviderOptions.unknownOptions(o, OPTIONS));
        String host = optionalText(o, "server");
        Integer port = null;
        String tls = optionalText(o, "tls");
        String url = optionalText(o, "url");
        if (url != null) {
            try {
                URI u = new URI(url);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (scheme.equals("ldap") && (tls == null || !tls.equalsIgnoreCase("startTLS"))) {
                    problems.add("option 'url' (" + url + ") is plain LDAP, which is refused: binds and password "
                            + "writes would travel unencrypted. Use ldaps://… or add 'tls: startTLS'.");
                } else if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
                    problems.add("option 'url' must start with ldaps:// (or ldap:// with 'tls: startTLS'), got '"
                            + url + "'.");
                } else if (scheme.equals("ldaps") && tls != null && tls.equalsIgnoreCase("startTLS")) {
                    problems.add("option 'url' is ldaps:// but option 'tls' is startTLS; choose one.");
                }
                if (tls == null) {
                    tls = scheme.equals("ldaps") ? "ldaps" : tls;
                }
                if (host != null) {
                    problems.add("options 'url' and 'server' cannot be combined.");
                }
                host = u.getHost();
                if (u.getPort() > 0) {
                    port = u.getPort();
                }
            } catch (URISyntaxException e) {
                problems.add("option 'url' is not a valid URL: " + e.getMessage());
            }
        }
        boolean startTls = false;
        if (tls == null || tls.equalsIgnoreCase("ldaps")) {
            startTls = false;
        } else if (tls.equalsIgnoreCase("startTLS")) {
            startTls = true;
        } else {
            problems.add("option 'tls' is '" + tls + "': plain LDAP is refused (binds and password writes would travel "
                    + "unencrypted). Use 'ldaps' (the default) or 'startTLS'.");
        }
        if (host == null || host.isBlank()) {
            problems.add("option 'server' (the domain controller's host name) is required.");
        }
        if (o.get("port") != null) {
            port = integer(o, "port", 1, 65535, problems);
        }
        if (port == null) {
            port = startTls ? 389 : 636;
        }
        String baseDn = optionalText(o, "baseDn");
        if (baseDn == null) {
            problems.add("option 'baseDn' (e.g. DC=corp,DC=example) is required.");
        } else if (!com.unboundid.ldap.sdk.DN.isValidDN(baseDn)) {
            problems.add("option 'baseDn' is not a valid DN: '" + baseDn + "'.");
        }
        String usersContainer = optionalText(o, "usersContainer");
        if (usersContainer == null && baseDn != null) {
            usersContainer = "CN=Users," + baseDn;
        }
        Path trustStore = null;
        String storeType = optionalText(o, "trustStoreType");
        if (optionalText(o, "trustStore") != null) {
            trustStore = secrets.hostPath(optionalText(o, "trustStore"));
            if (!Files.isReadable(trustStore)) {
                problems.add("option 'trustStore': cannot read " + trustStore + ".");
            }
            if (storeType == null) {
                String n = trustStore.getFileName().toString().toLowerCase(Locale.ROOT);
                storeType = n.endsWith(".p12") || n.endsWith(".pfx") ? "PKCS12" : "PEM";
            }
        }
        if (storeType != null && !storeType.equalsIgnoreCase("PEM") && !storeType.equalsIgnoreCase("PKCS12")) {
            problems.add("option 'trustStoreType' must be PEM or PKCS12, got '" + storeType + "'.");
        }
        String storePasswordEnv = optionalText(o, "trustStorePasswordEnv");
        String storePasswordFile = optionalText(o, "trustStorePasswordFile");
        Supplier<char[]> storePassword = storePasswordEnv == null && storePasswordFile == null ? null
                : () -> TrustStores.password(secrets, storePasswordEnv, storePasswordFile, at);
        Supplier<AdSettings.Credential> bind = auth(at, o.get("auth"), secrets, problems);
        boolean allowDelete = bool(o, "allowDelete", false, problems);
        Integer minLength = o.get("passwordGenerationFallbackMinLength") == null ? 24
                : integer(o, "passwordGenerationFallbackMinLength", 1, 256, problems);
        String specials = o.get("passwordGenerationSpecialCharSet") == null ? PasswordGenerator.DEFAULT_SPECIALS
                : Values.ps(o.get("passwordGenerationSpecialCharSet"));
        PasswordGenerator.Rules rules = new PasswordGenerator.Rules(minLength == null ? 24 : minLength,
                bool(o, "passwordGenerationRequireUpper", true, problems),
                bool(o, "passwordGenerationRequireLower", true, problems),
                bool(o, "passwordGenerationRequireDigit", true, problems),
                bool(o, "passwordGenerationRequireSpecial", true, problems), specials);
        Integer poolSize = o.get("poolSize") == null ? 4 : integer(o, "poolSize", 1, 100, problems);
        Integer timeout = o.get("timeoutSeconds") == null ? 30 : integer(o, "timeoutSeconds", 1, 3600, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(at + ": " + String.join(" " + at + ": ", problems));
        }
        return new AdSettings(alias, host, port, startTls, baseDn, usersContainer, trustStore,
                storeType == null ? "PEM" : storeType.toUpperCase(Locale.ROOT), storePassword, bind, allowDelete,
                rules, poolSize, timeout * 1000, secrets);
    }

    private static Supplier<AdSettings.Credential> auth(String at, Object value, SecretReferences secrets,
                                                        List<String> problems) {
        if (value == null) {
            problems.add("option 'auth' is required: the default bind credential, e.g. "
                    + "{ type: Credential, usernameEnv: AD_USER, passwordEnv: AD_PASSWORD }.");
            return null;
        }
        if (!(value instanceof DataMap a)) {
            problems.add("option 'auth' must be a map ({ type: Credential, usernameEnv/username/usernameFile, "
                    + "passwordEnv/passwordFile }).");
            return null;
        }
        problems.addAll(ProviderOptions.credentialAuthProblems(a));
        String user = optionalText(a, "username");
        String userEnv = optionalText(a, "usernameEnv");
        String userFile = optionalText(a, "usernameFile");
        Supplier<Secret> password = secret(secrets, at + ": auth.password", optionalText(a, "passwordEnv"),
                optionalText(a, "passwordFile"));
        Supplier<Secret> userName = user != null ? () -> Secret.of(user)
                : secret(secrets, at + ": auth.username", userEnv, userFile);
        return () -> new AdSettings.Credential(userName.get().reveal(), password.get());
    }

    /** Reads a secret from an environment variable or a file when first needed. */
    private static Supplier<Secret> secret(SecretReferences secrets, String context, String envName, String file) {
        return () -> envName != null ? secrets.environment(envName, context) : secrets.file(file, context);
    }

    private static Integer integer(DataMap o, String key, int min, int max, List<String> problems) {
        Object v = o.get(key);
        try {
            int i = v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.intValue()
                    : Integer.parseInt(Values.ps(v).trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("option '" + key + "' must be a whole number between " + min + " and " + max + ", got '"
                + Values.ps(v) + "'.");
        return null;
    }

    private static boolean bool(DataMap o, String key, boolean dflt, List<String> problems) {
        Object v = o.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = Values.ps(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        problems.add("option '" + key + "' must be true or false, got '" + s + "'.");
        return dflt;
    }
}
