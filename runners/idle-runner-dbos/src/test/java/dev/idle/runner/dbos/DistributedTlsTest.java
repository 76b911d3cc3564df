package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to PostgreSQL, verified: through a URL with {@code sslmode=verify-full} and the CA that signed the test
 * server's certificate ({@code .ci/postgres.sh} makes both; {@code IDLE_PG_TLS_CA}), the runner's own connections and
 * DBOS's are encrypted and a request runs; with a CA that did not sign the server's certificate nothing connects.
 */
class DistributedTlsTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerRunsARequestOverVerifiedTls() throws Exception {
        DatabaseSettings tls = withTls(caFile());
        try (Connection c = tls.openConnection("idle tls test"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("the connection is encrypted").isTrue();
        }

        Idle idle = DistributedFixture.idle();
        DistributedFixture.WriteCounter counter = new DistributedFixture.WriteCounter();
        String id = "tls-" + UUID.randomUUID();
        String record;
        try (DbosRunner runner = DbosRunner.builder(tls).idle(idle)
                .workflow(idle.parseWorkflow(DistributedFixture.LEAVER, "leaver.psd1"), "leaver.psd1")
                .providers(DistributedFixture.providers(counter))
                .databaseSchema(DistributedFixture.uniqueSchema()).start()) {
            runner.submit(DistributedFixture.leaver(id, "jdoe"));
            record = runner.awaitResult(id, Duration.ofMinutes(2));
        }
        assertThat(new ObjectMapper().readTree(record).get("status").asText()).isEqualTo("Completed");
        assertThat(counter.writes("Disable jdoe")).isEqualTo(1);
    }

    @Test
    void aServerWhoseCertificateTheGivenCaDidNotSignIsRefused() throws Exception {
        caFile();
        Path otherCa = dir.resolve("other-ca.pem");
        Files.writeString(otherCa, OTHER_CA);
        DatabaseSettings tls = withTls(otherCa);

        assertThatThrownBy(() -> tls.openConnection("idle tls test").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL");
    }

    /** The test server's CA file; skips (fails in CI) when the server speaks no TLS. */
    private static Path caFile() {
        DatabaseSettings plain = RealPostgres.settings();
        String ca = System.getenv("IDLE_PG_TLS_CA");
        if (ca == null || ca.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("IDLE_REQUIRE_POSTGRES"))) {
                fail("IDLE_PG_TLS_CA is not set: .ci/postgres.sh start needs openssl to give the server TLS ("
                        + plain.url() + ")");
            }
            assumeTrue(false, "the test server speaks no TLS (IDLE_PG_TLS_CA is not set)");
        }
        return Path.of(ca);
    }

    /** The test server's settings through {@code localhost} (the name in its certificate), verifying with {@code ca}. */
    private static DatabaseSettings withTls(Path ca) {
        DatabaseSettings plain = RealPostgres.settings();
        String url = plain.url().replace("//127.0.0.1:", "//localhost:");
        return new DatabaseSettings(url + (url.contains("?") ? "&" : "?") + "sslmode=verify-full&sslrootcert=" + ca,
                plain.user(), plain.passwordFile());
    }

    /** A self-signed CA certificate that signed nothing of the test server's (made once with openssl; public). */
    private static final String OTHER_CA = """
            -----BEGIN CERTIFICATE-----
            MIIDIzCCAgugAwIBAgIUaZw7d002hWchV9sCF3CeQIwyX84wDQYJKoZIhvcNAQEL
            BQAwITEfMB0GA1UEAwwWaWRsZSB1bnJlbGF0ZWQgdGVzdCBDQTAeFw0yNjEyMDQy
            MTE4MjRaFw0zNjEyMDEyMTE4MjRaMCExHzAdBgNVBAMMFmlkbGUgdW5yZWxhdGVk
            IHRlc3QgQ0EwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDgm8F1vGVr
            PB79datGz00PR++BOzueVh33eaLSCK2CrqPLrgC4wwenC6749USOcl1rrWTTkklo
            6UwYX8KHzBjMzHiBYSYZL9pfiWiqytCrS0O9dYFSPXKA5WCq20UeYCMFfbUK3mkK
            UBI2xrYWGAJ63/dQtJ8bivDt2PLbDm8x0LcswpYOTxXnmywks3M41fndf5rhiVx5
            uQqvHYYyPOIHtSilGdyClqpAInBBxoLbfh7nMYRMvoV7i6CrSaGL+iHR92JiVMjj
            nFmxwXecRg3QTLoT45xHTD+4KTLWF+iHBNkVasgNUVgPK20mTem1RwLLQZ/xEJQE
            muRrMWbepsmFAgMBAAGjUzBRMB0GA1UdDgQWBBSqMtvy2ZYWXz2pMI2fHY84fvty
            2DAfBgNVHSMEGDAWgBSqMtvy2ZYWXz2pMI2fHY84fvty2DAPBgNVHRMBAf8EBTAD
            AQH/MA0GCSqGSIb3DQEBCwUAA4IBAQA8dQapiTNq3zvvwz3DnVdpBA3kck8wFP1V
            3Zmw76BNKJPMK1Kep/QGsMcvD9F4coZS944udTmerV8JeYU4AP1qbshN5LXSVlC6
            S4FeoqV1DmIAtTmZLi7QcjLGIyE/Twx3FOU/1GAjT0FECLFSRjKybFQWVNny3PEU
            7ZIDWpJvbkaxbTqbhUUALGLouPAq86B8Xi0myrNCj4ah0dFTsDdWEbu97AxW34xr
            xueD1aEzRu7wbqWHCLc2Px0zANKys2cxqJ2et/3MT0S/ldcwZ/N/szHo7gLolSng
            RhV8wCUMgF6COy/2ycrpSDlLHjizj02WDVIbQ7YFGp4lggHGs7RJ
            -----END CERTIFICATE-----
            """;
}
