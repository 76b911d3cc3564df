package dev.idle.simsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every simulator server is created here: bound to 127.0.0.1, with TCP_NODELAY turned on unless the JVM says no. */
class SimulatorServersTest {
    private final String before = System.getProperty(SimulatorServers.NODELAY_PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(SimulatorServers.NODELAY_PROPERTY);
        } else {
            System.setProperty(SimulatorServers.NODELAY_PROPERTY, before);
        }
    }

    @Test
    void creatingAServerTurnsTcpNoDelayOnAndBindsTo127001() throws Exception {
        System.clearProperty(SimulatorServers.NODELAY_PROPERTY);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        HttpServer server = SimulatorServers.http(0, ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        }, executor);
        try {
            assertThat(System.getProperty(SimulatorServers.NODELAY_PROPERTY)).isEqualTo("true");
            assertThat(server.getAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/any")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(204);
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Test
    void aValueTheJvmWasGivenIsKept() throws Exception {
        System.setProperty(SimulatorServers.NODELAY_PROPERTY, "false");
        HttpServer server = SimulatorHttp.startLoopback("sim-test", ex -> ex.close());
        server.stop(0);
        assertThat(System.getProperty(SimulatorServers.NODELAY_PROPERTY)).isEqualTo("false");
    }
}
