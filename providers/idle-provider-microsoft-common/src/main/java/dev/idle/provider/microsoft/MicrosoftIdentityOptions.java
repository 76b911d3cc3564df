package dev.idle.provider.microsoft;

import static dev.idle.provider.support.ProviderOptions.string;

import dev.idle.api.data.DataMap;
import dev.idle.provider.support.TrustStores;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The host-file options the Microsoft providers ({@code entraid}, {@code exchangeonline}) share: the trust store
 * ({@code trustStore} with {@code trustStorePasswordEnv} or {@code trustStorePasswordFile}, loaded by
 * {@link TrustStores}) and the {@code auth} option (an Azure credential; secrets referenced with {@code env} /
 * {@code file} / {@code passwordEnv}, never written inline, and read through {@link SecretReferences}). {@code at} is
 * the "Entra ID provider 'Identity'" prefix of every message.
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
     * The TLS context trusting {@code trustStore} (PKCS12, or JKS by its {@code .jks} name; resolved against the host
     * file's folder), or {@code null} when the option is absent (the JDK's trust). The password comes from the
     * environment variable {@code trustStorePasswordEnv} or the file {@code trustStorePasswordFile}, at most one of
     * them; none for a store without one. Read now: a wrong setting fails when the host is loaded.
     */
    public static SSLContext trustStore(DataMap o, SecretReferences secrets, String at) {
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
        Path path = secrets.hostPath(string(o.get("trustStore"), at, "trustStore"));
        char[] password = TrustStores.password(secrets,
                envOption == null ? null : string(envOption, at, "trustStorePasswordEnv"),
                fileOption == null ? null : string(fileOption, at, "trustStorePasswordFile"), at);
        TrustStores.Format format = path.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? TrustStores.Format.JKS
                : TrustStores.Format.PKCS12;
        try {
            return TrustStores.sslContext(TrustStores.load(path, format, password));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(at + ": cannot load trust store " + path + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /**
     * Validates the {@code auth} option now and returns the session {@code <alias>.auth} it describes; its secret is
     * read (from the environment or a file relative to the host file's folder) each time the supplier is called, i.e.
     * when the first token is requested, not when the host is loaded.
     */
    public static Supplier<AuthSession> auth(Object raw, String alias, SecretReferences secrets, String at) {
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
                attributes.put(k, isFile ? secrets.hostPath((String) v).toString() : v);
            }
        });
        String name = alias + ".auth";
        // resolved once (hostPath of an already resolved path is the same path); the file is still read every call
        Path secretFile = def.get("file") instanceof String ? secrets.hostPath(attributes.getString("file")) : null;
        return () -> {
            Secret secret = switch (type) {
                case "ClientSecret", "OAuth" -> def.get("env") != null ? secrets.environment(def.getString("env"), at)
                        : secretFile != null ? SecretReferences.read(secretFile, at, "secret file")
                        : secrets.file(attributes.getString("file"), at);
                case "ClientCertificate" -> def.get("passwordEnv") == null ? null
                        : secrets.environment(def.getString("passwordEnv"), at);
                default -> null;
            };
            return AuthSession.of(name, type, attributes, secret);
        };
    }

    private static Set<String> ci(String... keys) {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(keys));
        return s;
    }
}
