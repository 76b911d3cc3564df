package dev.idle.provider.entraconnect;

import static dev.idle.provider.support.ProviderOptions.optionalText;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.provider.support.ProviderOptions;
import dev.idle.provider.support.TrustStores;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Creates {@link EntraConnectProvider}s from host-file entries with {@code type: entraconnect}. Options (keys
 * case-insensitive, all optional):
 * <ul>
 *   <li>{@code endpoint}: WinRM URL, {@code {ComputerName}} replaced by the step's computer name (default
 *       {@code https://{ComputerName}:5986/wsman}); must be https.</li>
 *   <li>{@code trustStore}: certificates to trust for the listener (PEM file of certificates, or a PKCS12/JKS store);
 *       default: the JDK's trust store. {@code trustStoreType}: {@code PEM} (default), {@code PKCS12} or
 *       {@code JKS}; {@code trustStorePasswordEnv} / {@code trustStorePasswordFile} for PKCS12/JKS.</li>
 *   <li>{@code auth}: the provider's own credential, used when a step names no auth session:
 *       {@code { type: Credential, username | usernameEnv | usernameFile, passwordEnv | passwordFile }}.</li>
 *   <li>{@code connectTimeoutSeconds} (15), {@code operationTimeoutSeconds} (60),
 *       {@code commandTimeoutSeconds} (300).</li>
 * </ul>
 */
public final class EntraConnectProviderFactory implements ProviderFactory {
    static final List<String> OPTIONS = List.of("endpoint", "trustStore", "trustStoreType", "trustStorePasswordEnv",
            "trustStorePasswordFile", "auth", "connectTimeoutSeconds", "operationTimeoutSeconds",
            "commandTimeoutSeconds");

    @Override
    public String type() {
        return "entraconnect";
    }

    @Override
    public Provider create(String alias, DataMap options, Environment env) {
        return create(alias, options, env.secrets());
    }

    static EntraConnectProvider create(String alias, DataMap options, Path baseDir, Function<String, String> env) {
        return create(alias, options, SecretReferences.of(baseDir, null, env));
    }

    private static EntraConnectProvider create(String alias, DataMap options, SecretReferences secrets) {
        DataMap o = options == null ? new DataMap() : options;
        String at = "Entra Connect provider '" + alias + "'";
        List<String> problems = new ArrayList<>();
        problems.addAll(ProviderOptions.unknownOptions(o, OPTIONS));
        String endpoint = optionalText(o, "endpoint");
        if (endpoint != null && !endpoint.toLowerCase(Locale.ROOT).startsWith("https://")) {
            problems.add("option 'endpoint' (" + endpoint + ") must be an https:// URL: WinRM over plain HTTP needs "
                    + "NTLM/Kerberos message encryption, which this provider does not implement.");
        }
        int connect = seconds(o, "connectTimeoutSeconds", 15, problems);
        int operation = seconds(o, "operationTimeoutSeconds", 60, problems);
        int command = seconds(o, "commandTimeoutSeconds", 300, problems);
        Supplier<AuthSession> credential = o.get("auth") == null ? null
                : auth(alias, o.get("auth"), secrets, problems);
        SSLContext ssl = null;
        if (problems.isEmpty()) {
            try {
                ssl = ssl(o, secrets);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(at + ": " + String.join(" ", problems));
        }
        WinRmClient client = new WinRmClient(endpoint, ssl, Duration.ofSeconds(connect),
                Duration.ofSeconds(operation), Duration.ofSeconds(command));
        return new EntraConnectProvider(client, credential);
    }

    private static SSLContext ssl(DataMap o, SecretReferences secrets) {
        String store = optionalText(o, "trustStore");
        try {
            if (store == null) {
                return TrustStores.sslContext(null);
            }
            Path path = secrets.hostPath(store);
            String type = optionalText(o, "trustStoreType") == null ? "PEM"
                    : optionalText(o, "trustStoreType").toUpperCase(Locale.ROOT);
            if (!type.equals("PEM") && !type.equals("PKCS12") && !type.equals("JKS")) {
                throw new IllegalArgumentException("option 'trustStoreType' must be PEM, PKCS12 or JKS, got '"
                        + type + "'.");
            }
            TrustStores.Format format = TrustStores.Format.valueOf(type);
            char[] password = format == TrustStores.Format.PEM ? null : TrustStores.password(secrets,
                    optionalText(o, "trustStorePasswordEnv"), optionalText(o, "trustStorePasswordFile"),
                    "option 'trustStore'");
            KeyStore ks = TrustStores.load(path, format, password);
            if (format == TrustStores.Format.PEM && TrustStores.isEmpty(ks)) {
                throw new IllegalArgumentException("option 'trustStore' (" + path + ") holds no certificate.");
            }
            return TrustStores.sslContext(ks);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read option 'trustStore' (" + store + "): "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use option 'trustStore' (" + store + "): " + e.getMessage());
        }
    }

    private static Supplier<AuthSession> auth(String alias, Object value, SecretReferences secrets,
                                              List<String> problems) {
        if (!(value instanceof DataMap a)) {
            problems.add("option 'auth' must be a map ({ type: Credential, usernameEnv|username|usernameFile, "
                    + "passwordEnv|passwordFile }).");
            return null;
        }
        List<String> authProblems = ProviderOptions.credentialAuthProblems(a);
        String user = optionalText(a, "username");
        String userEnv = optionalText(a, "usernameEnv");
        String userFile = optionalText(a, "usernameFile");
        String passwordEnv = optionalText(a, "passwordEnv");
        String passwordFile = optionalText(a, "passwordFile");
        if (!authProblems.isEmpty()) {
            problems.addAll(authProblems);
            return null;
        }
        // Read when first needed, so a host file loads without the secret present (validate, plan).
        String at = "Entra Connect provider '" + alias + "'";
        return () -> {
            String name = user != null ? user : secret(secrets, at, "auth.username", userEnv, userFile).reveal();
            Secret password = secret(secrets, at, "auth.password", passwordEnv, passwordFile);
            return AuthSession.of(alias, "Credential", DataMap.of("username", name.trim()), password);
        };
    }

    private static Secret secret(SecretReferences secrets, String at, String what, String envName, String file) {
        return envName != null ? secrets.environment(envName, at + ": " + what)
                : secrets.file(file, at + ": " + what);
    }

    private static int seconds(DataMap o, String key, int defaultValue, List<String> problems) {
        Object raw = o.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int v = raw instanceof Number n ? new BigDecimal(n.toString()).intValueExact()
                    : Integer.parseInt(Values.ps(raw).trim());
            if (v > 0) {
                return v;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        problems.add("option '" + key + "' must be a whole number of seconds greater than 0, got '"
                + Values.ps(raw) + "'.");
        return defaultValue;
    }
}
