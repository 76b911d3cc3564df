package dev.idle.simsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material generated for one simulator run: a self-signed RSA certificate whose subject alternative names are
 * {@code IP:127.0.0.1} and {@code DNS:localhost}, made by the JDK's own {@code keytool}, and a PKCS12 trust store that
 * holds only that certificate. Clients keep certificate and host name verification on and trust the simulator through
 * the trust store.
 *
 * <p>Shared by the HTTPS simulators (Graph, WinRM) so that none generates certificates its own way. Immutable;
 * {@link #create} is thread-safe.
 */
public final class SimulatorTls {
    static final String ALIAS = "idle-simulator";

    private final Path keyStore;
    private final Path trustStore;
    private final char[] password;
    private final Certificate certificate;

    private SimulatorTls(Path keyStore, Path trustStore, char[] password, Certificate certificate) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
        this.certificate = certificate;
    }

    private static SimulatorTls template;

    /**
     * Writes the key store (server.p12) and the trust store (truststore.p12) into {@code dir}. keytool takes seconds,
     * so the key pair is generated once per JVM (in a temp directory removed at exit) and copied for each simulator.
     */
    public static SimulatorTls create(Path dir) throws IOException {
        SimulatorTls t;
        synchronized (SimulatorTls.class) {
            if (template == null) {
                Path tmp = Files.createTempDirectory("idle-simulator-tls-");
                template = generate(tmp);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Path p : List.of(template.keyStore, template.trustStore, tmp)) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // best effort
                        }
                    }
                }));
            }
            t = template;
        }
        Files.createDirectories(dir);
        Path ks = dir.resolve("server.p12");
        Path ts = dir.resolve("truststore.p12");
        // the key store holds the private key: owner-only, as the trust store (a copy would take the source's mode)
        SimulatorFiles.writePrivate(ks, Files.readAllBytes(t.keyStore));
        SimulatorFiles.writePrivate(ts, Files.readAllBytes(t.trustStore));
        return new SimulatorTls(ks, ts, t.password.clone(), t.certificate);
    }

    /** Generates the key pair and certificate in {@code dir} (server.p12) and writes the trust store (truststore.p12). */
    static SimulatorTls generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path ks = dir.resolve("server.p12");
        Path ts = dir.resolve("truststore.p12");
        Files.deleteIfExists(ks);
        Files.deleteIfExists(ts);
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "keytool.exe" : "keytool");
        List<String> cmd = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-validity", "7",
                "-dname", "CN=localhost, O=IdLE simulator",
                "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-ext", "EKU=serverAuth",
                "-storetype", "PKCS12", "-keystore", ks.toString(),
                // keytool reads the passwords from the environment: nothing secret appears on a command line
                "-storepass:env", "SIMULATOR_STOREPASS", "-keypass:env", "SIMULATOR_STOREPASS", "-noprompt"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SIMULATOR_STOREPASS", new String(password));
        Process p = pb.start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while generating the simulator certificate", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + p.exitValue() + "): "
                    + new String(output, StandardCharsets.UTF_8).trim());
        }
        // keytool creates the key store with the umask's mode; it holds the private key
        SimulatorFiles.writePrivate(ks, Files.readAllBytes(ks));
        try {
            KeyStore server = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                server.load(in, password);
            }
            Certificate cert = server.getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, cert);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            trust.store(out, password);
            SimulatorFiles.writePrivate(ts, out.toByteArray());
            return new SimulatorTls(ks, ts, password, cert);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the generated key store: " + e.getMessage(), e);
        }
    }

    /** The PKCS12 trust store holding only the simulator's certificate. */
    public Path trustStore() {
        return trustStore;
    }

    /** The password of both stores. */
    public char[] password() {
        return password.clone();
    }

    /** The self-signed server certificate (SAN {@code IP:127.0.0.1}, {@code DNS:localhost}). */
    public Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM form ({@code -----BEGIN CERTIFICATE-----}), for clients that read PEM trust files. */
    public String certificatePem() throws IOException {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the simulator certificate", e);
        }
    }

    /** The server side: key manager over the generated key pair. */
    public SSLContext serverContext() throws GeneralSecurityException, IOException {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            server.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(server, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** The client side: the platform's standard (verifying) trust manager over the simulator's trust store. */
    public SSLContext clientContext() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            trust.load(in, password);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
