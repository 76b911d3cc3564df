package dev.idle.provider.support;

import dev.idle.spi.ProviderException;
import dev.idle.spi.SecretReferences;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads the certificates a provider trusts for TLS (a private CA, a simulator's certificate): a PEM bundle of X.509
 * certificates, or a PKCS#12 or JKS store whose password a host file names with {@code trustStorePasswordEnv} or
 * {@code trustStorePasswordFile}. Verification is never switched off; without a store the JDK's trust applies.
 *
 * <p>Which format a provider accepts, how it picks one and how it words a failure stay the provider's (its users and
 * tests know those messages): this class throws the JDK's {@link IOException} and {@link GeneralSecurityException},
 * and a PEM bundle without a certificate loads as an empty store ({@link #isEmpty}) for the caller to refuse.
 * Stateless and thread-safe.
 */
public final class TrustStores {
    /** The store formats providers accept. */
    public enum Format {
        /** One or more {@code -----BEGIN CERTIFICATE-----} blocks (DER works too). */
        PEM,
        PKCS12,
        JKS;

        /** {@code PKCS12} for {@code .p12}/{@code .pfx}, {@code JKS} for {@code .jks}, otherwise {@code PEM}. */
        public static Format byFileName(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                return PKCS12;
            }
            return name.endsWith(".jks") ? JKS : PEM;
        }
    }

    private TrustStores() {
    }

    /**
     * The certificates in {@code file}.
     *
     * @param password the store's password (PKCS12, JKS), or null; ignored for PEM
     */
    public static KeyStore load(Path file, Format format, char[] password) throws IOException,
            GeneralSecurityException {
        if (format == Format.PEM) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            try (InputStream in = Files.newInputStream(file)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + i++, c);
                }
            }
            return store;
        }
        KeyStore store = KeyStore.getInstance(format.name());
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    /** Whether {@code store} holds no entry, e.g. a PEM file without a certificate. */
    public static boolean isEmpty(KeyStore store) throws GeneralSecurityException {
        return store.size() == 0;
    }

    /** Trust managers for {@code trusted}; for null, the JDK's default trust. */
    public static TrustManager[] trustManagers(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    /** A TLS context that trusts {@code trusted} (for null, the JDK's default trust) and presents no client key. */
    public static SSLContext sslContext(KeyStore trusted) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(trusted), null);
        return context;
    }

    /**
     * The store password named by the options {@code trustStorePasswordEnv} (a variable) or
     * {@code trustStorePasswordFile} (a file, relative to the host file's folder); null when both are null.
     *
     * @param at the prefix of error messages, e.g. {@code "Keycloak provider 'kc'"}
     * @throws IllegalArgumentException {@code "<at>: environment variable X (trustStorePasswordEnv) is not set."} or
     *                                  {@code "<at>: cannot read trustStorePasswordFile <path>: <error type>"}: a
     *                                  host-file problem, reported when the host is loaded
     */
    public static char[] password(SecretReferences secrets, String passwordEnv, String passwordFile, String at) {
        try {
            if (passwordEnv != null) {
                return secrets.environment(passwordEnv, at, "trustStorePasswordEnv").reveal().toCharArray();
            }
            if (passwordFile != null) {
                return secrets.file(passwordFile, at, "trustStorePasswordFile").reveal().toCharArray();
            }
            return null;
        } catch (ProviderException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
