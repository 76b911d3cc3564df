package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.graphsim.GraphSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker JVMs (this one and a child) write to one Graph app through {@code HttpCaller}, each limited to 20
 * writes/s and sharing a {@link PostgresWritePace}; the Graph simulator counts what arrives.
 */
class DistributedWritePaceGraphTest {
    private static final String TENANT = "tenant-pace";
    private static final String CLIENT = "client-pace";

    private final String schema = "pace_" + UUID.randomUUID().toString().replace("-", "");
    private GraphSimulator sim;
    private DatabaseSettings settings;

    @AfterEach
    void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
        if (settings != null) {
            Properties props = new Properties();
            props.setProperty("user", settings.user());
            if (settings.passwordFile() != null) {
                props.setProperty("password", settings.readPassword());
            }
            try (Connection c = DriverManager.getConnection(settings.url(), props); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void twoWorkerJvmsTogetherNeverSendMoreThanTheTargetsRateInAnySlidingSecond(@TempDir Path dir)
            throws Exception {
        settings = RealPostgres.settings();
        sim = GraphSimulator.builder().build().start();
        sim.registerApp(TENANT, CLIENT, "not-a-real-secret");
        sim.throttle(20, Duration.ofSeconds(1), Duration.ofSeconds(1));
        String user = sim.addUser("leaver@contoso.com", "Leaver");
        String token = sim.issueToken(CLIENT);
        String target = "entraid " + sim.graphBaseUrl() + " tenant=" + TENANT + " app=" + CLIENT + " " + schema;

        ProcessBuilder child = new ProcessBuilder(PacedGraphWriter.childCommand(schema, target,
                sim.graphBaseUrl().toString(), user, "40"));
        child.environment().put("IDLE_TEST_TOKEN", token);
        child.environment().put("IDLE_TEST_TRUSTSTORE", sim.trustStore().toString());
        child.environment().put("IDLE_TEST_TRUSTSTORE_PASSWORD", new String(sim.trustStorePassword()));
        child.environment().put("IDLE_TEST_TRUSTSTORE_TYPE", sim.trustStoreType());
        child.redirectOutput(dir.resolve("child.out").toFile()).redirectError(dir.resolve("child.err").toFile());
        Process otherWorker = child.start();
        int failedHere;
        try (PostgresWritePace pace = new PostgresWritePace(settings, schema)) {
            failedHere = PacedGraphWriter.write(pace, sim.clientSslContext(), target, sim.graphBaseUrl(), user, token,
                    40);
        }
        assertThat(otherWorker.waitFor(5, TimeUnit.MINUTES)).as("the child worker ended").isTrue();

        assertThat(otherWorker.exitValue()).as("child worker; stderr: %s",
                Files.readString(dir.resolve("child.err"))).isZero();
        assertThat(failedHere).isZero();
        assertThat(sim.acceptedWrites()).isEqualTo(80);
        assertThat(sim.tooManyRequestsSent()).as("429s sent").isZero();
        assertThat(sim.maxWritesInAnyWindow(Duration.ofSeconds(1))).as("writes in any sliding 1 s window")
                .isLessThanOrEqualTo(20);
    }
}
