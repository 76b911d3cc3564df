package dev.idle.simsupport;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The TLS listener of the HTTPS simulators (Graph, WinRM): a work directory holding the generated key material
 * ({@link SimulatorTls}), and a loopback {@link HttpsServer} on daemon threads. A work directory it created itself is
 * a temp directory and is removed on {@link #close()}; one the caller named is kept.
 *
 * <p>Two steps, so a simulator can write more files next to the certificate before anything listens.
 */
public final class SimulatorHttpsServer {
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final SimulatorTls tls;
    private HttpsServer server;
    private ExecutorService executor;

    private SimulatorHttpsServer(Path workDir, boolean ownsWorkDir, SimulatorTls tls) {
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.tls = tls;
    }

    /**
     * Creates {@code requestedWorkDir} (or, when null, a temp directory {@code idle-<name>-…}) and generates the
     * certificate in it; nothing listens yet.
     */
    public static SimulatorHttpsServer prepare(Path requestedWorkDir, String name) throws IOException {
        if (requestedWorkDir != null) {
            Path dir = Files.createDirectories(requestedWorkDir);
            return new SimulatorHttpsServer(dir, false, SimulatorTls.create(dir));
        }
        Path dir = Files.createTempDirectory("idle-" + name + "-");
        try {
            return new SimulatorHttpsServer(dir, true, SimulatorTls.create(dir));
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** The folder holding the key material. */
    public Path workDir() {
        return workDir;
    }

    /** The generated certificate, key and trust store. */
    public SimulatorTls tls() {
        return tls;
    }

    /**
     * Listens on 127.0.0.1:{@code port} ({@code 0}: ephemeral) with the generated certificate, handling every path
     * with {@code handler} on daemon threads named {@code threadName}.
     */
    public HttpsServer listen(int port, String threadName, HttpHandler handler)
            throws IOException, GeneralSecurityException {
        HttpsConfigurator withCertificate = new HttpsConfigurator(tls.serverContext());
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        HttpsServer s = SimulatorServers.https(port, 64, withCertificate, handler, executor);
        server = s;
        return s;
    }

    /** Stops listening, waits briefly for running requests and removes a temp work directory. Idempotent. */
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsWorkDir) {
            deleteTree(workDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}
