package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.IdleInputException;
import org.junit.jupiter.api.Test;

/** No runner database URL sends a password in cleartext beyond loopback, or carries one itself. */
class DatabaseUrlPolicyTest {
    @Test
    void aRemoteHostWithoutVerifiedTlsIsRefusedNamingTheParameterToAdd() {
        assertThatThrownBy(() -> settings("jdbc:postgresql://db.example.com:5432/idle"))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("database URL: host 'db.example.com' is not loopback, so the connection must verify the"
                        + " server over TLS: add sslmode=verify-full (and sslrootcert=<CA file>) to the URL");
        for (String mode : new String[] {"disable", "prefer", "require", "allow"}) {
            assertThatThrownBy(() -> settings("jdbc:postgresql://10.0.0.5/idle?sslmode=" + mode))
                    .hasMessageEndingWith("to the URL instead of sslmode=" + mode);
        }
    }

    @Test
    void aRemoteHostWithVerifiedTlsOrALoopbackHostIsAccepted() {
        for (String url : new String[] {
            "jdbc:postgresql://db.example.com:5432/idle?sslmode=verify-full&sslrootcert=/etc/idle/ca.pem",
            "jdbc:postgresql://db.example.com/idle?ApplicationName=x&sslmode=VERIFY-CA",
            "jdbc:postgresql://localhost:5432/idle", "jdbc:postgresql://127.0.0.1:15432/idle?sslmode=disable",
            "jdbc:postgresql://[::1]:5432/idle", "jdbc:postgresql://localhost,127.0.0.2:5433/idle"}) {
            assertThat(settings(url).url()).isEqualTo(url);
        }
    }

    @Test
    void everyHostOfAMultiHostUrlMustBeLoopbackOrVerified() {
        assertThatThrownBy(() -> settings("jdbc:postgresql://localhost:5432,db2.example.com:5432/idle"))
                .hasMessageContaining("host 'db2.example.com' is not loopback");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> settings("jdbc:postgresql://localhost/idle?user=u&password=s3cr3t-Value"))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("database URL: a password parameter is not accepted; give the password by file"
                        + " (--db-password-file, IDLE_PG_PASSWORD_FILE)")
                .message().doesNotContain("s3cr3t");
    }

    private static DatabaseSettings settings(String url) {
        return new DatabaseSettings(url, "idle", null);
    }
}
