package dev.idle.simsupport;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * The one place where every simulator creates its JDK HTTP or HTTPS server, bound to 127.0.0.1.
 *
 * <p>Before the first server is created it turns on {@code TCP_NODELAY} for the JDK's HTTP server (system property
 * {@value #NODELAY_PROPERTY}), unless the property is already set: the JDK writes response headers and body in two
 * writes, and without {@code TCP_NODELAY} each loopback answer can wait ~40 ms for a delayed ACK, which would make a
 * simulator the bottleneck of any benchmark. The JDK reads the property once, when its server configuration class
 * initialises, so it must be set before the first {@code HttpServer.create} in the JVM; creating every server here
 * guarantees that for the simulators. Thread-safe.
 */
public final class SimulatorServers {
    /** The JDK HTTP server's switch for {@code TCP_NODELAY} on accepted connections. */
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private SimulatorServers() {
    }

    /**
     * A started plain-HTTP server on 127.0.0.1:{@code port} ({@code 0}: ephemeral) serving every path with
     * {@code handler} on {@code executor}.
     */
    public static HttpServer http(int port, HttpHandler handler, Executor executor) throws IOException {
        enableNoDelay();
        HttpServer server = HttpServer.create(loopback(port), 0);
        return start(server, handler, executor);
    }

    /** As {@link #http}, over TLS configured by {@code tls}; {@code backlog} as for {@code HttpsServer.create}. */
    public static HttpsServer https(int port, int backlog, HttpsConfigurator tls, HttpHandler handler,
                                    Executor executor) throws IOException {
        enableNoDelay();
        HttpsServer server = HttpsServer.create(loopback(port), backlog);
        server.setHttpsConfigurator(tls);
        return start(server, handler, executor);
    }

    /** 127.0.0.1, not {@code InetAddress.getLoopbackAddress()}: the simulators advertise 127.0.0.1 URLs, and the
     * latter may be {@code ::1} when the JVM prefers IPv6. */
    private static InetSocketAddress loopback(int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
    }

    private static <S extends HttpServer> S start(S server, HttpHandler handler, Executor executor) {
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return server;
    }

    /** Sets {@value #NODELAY_PROPERTY} to {@code true} unless the JVM was started with a value for it. */
    static synchronized void enableNoDelay() {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }
}
