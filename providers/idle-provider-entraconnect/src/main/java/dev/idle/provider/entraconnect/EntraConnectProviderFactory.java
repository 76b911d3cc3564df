package dev.idle.provider.entraconnect;

import static dev.idle.provider.support.ProviderOptions.optionalText;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.provider.support.ProviderOptions;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
        return create(alias, options, env.baseDirectory(), System::getenv);
    }

    static EntraConnectProvider create(String alias, DataMap options, Path baseDir, Function<String, String> env) {
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
                : auth(alias, o.get("auth"), baseDir, env, problems);
        SSLContext ssl = null;
        if (problems.isEmpty()) {
            try {
                ssl = ssl(o, baseDir, env);
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

    private static SSLContext ssl(DataMap o, Path baseDir, Function<String, String> env) {
        String store = optionalText(o, "trustStore");
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (store == null) {
                tmf.init((KeyStore) null);
            } else {
                Path path = baseDir.resolve(store).toAbsolutePath().normalize();
                String type = optionalText(o, "trustStoreType") == null ? "PEM"
                        : optionalText(o, "trustStoreType").toUpperCase(Locale.ROOT);
                KeyStore ks;
                if (type.equals("PEM")) {
                    ks = KeyStore.getInstance(KeyStore.getDefaultType());
                    ks.load(null, null);
                    try (InputStream in = Files.newInputStream(path)) {
                        int i = 0;
                        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                            ks.setCertificateEntry("cert-" + i++, c);
                        }
                    }
                    if (ks.size() == 0) {
                        throw new IllegalArgumentException("option 'trustStore' (" + path + ") holds no certificate.");
                    }
                } else if (type.equals("PKCS12") || type.equals("JKS")) {
                    char[] password = null;
                    if (optionalText(o, "trustStorePasswordEnv") != null
                            || optionalText(o, "trustStorePasswordFile") != null) {
                        password = secret("trustStorePassword", optionalText(o, "trustStorePasswordEnv"),
                                optionalText(o, "trustStorePasswordFile"), baseDir, env).reveal().toCharArray();
                    }
                    ks = KeyStore.getInstance(type);
                    try (InputStream in = Files.newInputStream(path)) {
                        ks.load(in, password);
                    }
                } else {
                    throw new IllegalArgumentException("option 'trustStoreType' must be PEM, PKCS12 or JKS, got '"
                            + type + "'.");
                }
                tmf.init(ks);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read option 'trustStore' (" + store + "): "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use option 'trustStore' (" + store + "): " + e.getMessage());
        }
    }

    private static Supplier<AuthSession> auth(String alias, Object value, Path baseDir, Function<String, String> env,
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
        return () -> {
            try {
                String name = user != null ? user : secret("auth.username", userEnv, userFile, baseDir, env).reveal();
                Secret password = secret("auth.password", passwordEnv, passwordFile, baseDir, env);
                return AuthSession.of(alias, "Credential", DataMap.of("username", name.trim()), password);
            } catch (IllegalArgumentException e) {
                throw new ProviderException("Entra Connect provider '" + alias + "': " + e.getMessage());
            }
        };
    }

    private static Secret secret(String what, String envName, String file, Path baseDir,
                                 Function<String, String> env) {
        if (envName != null) {
            String v = env.apply(envName);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException(what + ": environment variable " + envName + " is not set.");
            }
            return Secret.of(v);
        }
        Path p = baseDir.resolve(file).toAbsolutePath().normalize();
        try {
            return Secret.of(Files.readString(p, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read " + p + " (" + e.getClass().getSimpleName()
                    + ").");
        }
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
