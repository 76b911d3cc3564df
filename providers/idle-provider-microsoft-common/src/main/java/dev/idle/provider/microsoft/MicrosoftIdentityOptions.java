package dev.idle.provider.microsoft;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
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
 * The host-file options the Microsoft providers ({@code entraid}, {@code exchangeonline}) share: the trust store
 * ({@code trustStore} with {@code trustStorePasswordEnv} or {@code trustStorePasswordFile}) and the {@code auth}
 * option (an Azure credential; secrets referenced with {@code env} / {@code file} / {@code passwordEnv}, never
 * written inline). {@code at} is the "Entra ID provider 'Identity'" prefix of every message.
 */
public final class MicrosoftIdentityOptions {
    /** The trust-store option keys, for a factory's list of supported options. */
    public static final List<String> TRUST_STORE_OPTIONS = List.of("trustStore", "trustStorePasswordEnv",
            "trustStorePasswordFile");
    /** Keys of the {@code auth} option per credential type, besides {@code type} (case-insensitive). */
    public static final Map<String, Set<String>> AUTH_KEYS = Map.of(
            "ClientSecret", ci("tenantId", "clientId", "env", "file", "authority"),
            "ClientCertificate", ci("tenantId", "clientId", "file", "passwordEnv", "authority"),
            "ManagedIdentity", ci("clientId"),
            "WorkloadIdentity", ci("tenantId", "clientId", "tokenFile", "authority"),
            "DefaultChain", ci("tenantId", "clientId", "authority"),
            "OAuth", ci("env", "file"));

    private MicrosoftIdentityOptions() {
    }

    /**
     * The TLS context trusting {@code trustStore} (PKCS12, or JKS by its {@code .jks} name; resolved against
     * {@code base}), or {@code null} when the option is absent (the JDK's trust). The password comes from the
     * environment variable {@code trustStorePasswordEnv} or the file {@code trustStorePasswordFile} (stripped), at
     * most one of them; none for a store without one. Read now: a wrong setting fails when the host is loaded.
     */
    public static SSLContext trustStore(DataMap o, Path base, String at, Function<String, String> environment) {
        Object envOption = o.get("trustStorePasswordEnv");
        Object fileOption = o.get("trustStorePasswordFile");
        if (o.get("trustStore") == null) {
            if (envOption != null || fileOption != null) {
                throw new IllegalArgumentException(at + ": option '" + (envOption != null ? "trustStorePasswordEnv"
                        : "trustStorePasswordFile") + "' needs 'trustStore'.");
            }
            return null;
        }
        if (envOption != null && fileOption != null) {
            throw new IllegalArgumentException(at + ": give 'trustStorePasswordEnv' or 'trustStorePasswordFile', "
                    + "not both.");
        }
        Path path = base.resolve(string(o.get("trustStore"), at, "trustStore")).toAbsolutePath().normalize();
        char[] password = null;
        if (envOption != null) {
            String variable = string(envOption, at, "trustStorePasswordEnv");
            String v = environment.apply(variable);
            if (v == null) {
                throw new IllegalArgumentException(at + ": environment variable " + variable
                        + " (trustStorePasswordEnv) is not set.");
            }
            password = v.toCharArray();
        } else if (fileOption != null) {
            Path file = base.resolve(string(fileOption, at, "trustStorePasswordFile")).toAbsolutePath().normalize();
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

    /**
     * Validates the {@code auth} option now and returns the session {@code <alias>.auth} it describes; its secret is
     * read (from the environment or a file resolved against {@code base}) each time the supplier is called, i.e. when
     * the first token is requested, not when the host is loaded.
     */
    public static Supplier<AuthSession> auth(Object raw, String alias, Path base, String at,
            Function<String, String> environment) {
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
        String name = alias + ".auth";
        return () -> {
            Secret secret = switch (type) {
                case "ClientSecret", "OAuth" -> def.get("env") != null
                        ? Secret.of(env(def.getString("env"), at, environment))
                        : Secret.of(read(attributes.getString("file"), at));
                case "ClientCertificate" -> def.get("passwordEnv") == null ? null
                        : Secret.of(env(def.getString("passwordEnv"), at, environment));
                default -> null;
            };
            return AuthSession.of(name, type, attributes, secret);
        };
    }

    private static String env(String variable, String at, Function<String, String> environment) {
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

    private static String string(Object v, String at, String key) {
        if (v instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        throw new IllegalArgumentException(at + ": option '" + key + "' must be a non-empty string, got '"
                + Values.ps(v) + "'.");
    }

    private static Set<String> ci(String... keys) {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(keys));
        return s;
    }
}
