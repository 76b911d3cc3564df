package dev.idle.provider.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.SecretReferences;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AccountPassword} comes with request or workflow data, so its secret reference resolves only {@code env:} or a
 * file inside the host's {@code secretsDir}. Runs against UnboundID's in-memory directory (no schema) handed to the
 * provider as its connection, so the password that reaches the directory can be read back.
 */
class AccountPasswordReferenceTest {
    private static final String BASE = "DC=corp,DC=example";
    private static final String OUTSIDE_CONTENT = "content-of-a-file-outside";

    @TempDir
    Path dir;

    private InMemoryDirectoryServer directory;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void directory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE, "objectClass: domain", "dc: corp");
        directory.add("dn: CN=Users," + BASE, "objectClass: container", "cn: Users");
        Files.createDirectories(dir.resolve("secrets/new-hires"));
        Files.writeString(dir.resolve("secrets/new-hires/jdoe.txt"), "Fr0m-The-Secrets-Dir!\n");
        Files.writeString(dir.resolve("host-neighbour.txt"), OUTSIDE_CONTENT);
    }

    @AfterEach
    void stop() {
        directory.shutDown(true);
    }

    private AdProvider provider(Path secretsDir) {
        SecretReferences secrets = SecretReferences.of(dir, secretsDir, Map.of("NEW_PW", "Fr0m-The-Env!")::get);
        AdSettings settings = AdProviderFactory.settings("AD", DataMap.of("server", "dc.corp.example",
                "baseDn", BASE, "auth", DataMap.of("type", "Credential", "username", "svc", "passwordEnv", "UNUSED")),
                secrets);
        return new AdProvider(settings, new Connections() {
            @Override
            public <T> T with(AuthSession session, Call<T> call) throws LDAPException {
                connections.incrementAndGet();
                return call.apply(directory);
            }

            @Override
            public void close() {
            }
        });
    }

    private String storedPassword(String sam) throws LDAPException {
        byte[] quoted = directory.getEntry("CN=" + sam + ",CN=Users," + BASE).getAttributeValueBytes("unicodePwd");
        String s = new String(quoted, StandardCharsets.UTF_16LE);
        return s.substring(1, s.length() - 1);
    }

    @Test
    void aFileReferenceInsideSecretsDirSetsThePassword() throws Exception {
        provider(dir.resolve("secrets")).createIdentity("jdoe",
                DataMap.of("AccountPassword", "file:new-hires/jdoe.txt"), null);
        assertThat(storedPassword("jdoe")).isEqualTo("Fr0m-The-Secrets-Dir!");
    }

    @Test
    void anEnvReferenceSetsThePasswordWithoutAnySecretsDir() throws Exception {
        provider(null).createIdentity("asmith", DataMap.of("AccountPassword", "env:NEW_PW"), null);
        assertThat(storedPassword("asmith")).isEqualTo("Fr0m-The-Env!");
    }

    @Test
    void anAbsolutePathIsRefusedBeforeAnyConnection() {
        String absolute = dir.resolve("host-neighbour.txt").toAbsolutePath().toString();
        assertThatThrownBy(() -> provider(dir.resolve("secrets")).createIdentity("jdoe",
                DataMap.of("AccountPassword", "file:" + absolute), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AccountPassword: the secret reference 'file:" + absolute + "' is refused")
                .hasMessageNotContaining(OUTSIDE_CONTENT);
        assertThat(connections).hasValue(0);
    }

    @Test
    void aDotDotEscapeFromSecretsDirIsRefusedBeforeAnyConnection() {
        assertThatThrownBy(() -> provider(dir.resolve("secrets")).createIdentity("jdoe",
                DataMap.of("AccountPassword", "file:../host-neighbour.txt"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'file:../host-neighbour.txt' is refused: it leads out of secretsDir")
                .hasMessageNotContaining(OUTSIDE_CONTENT);
        assertThat(connections).hasValue(0);
    }

    @Test
    void aFileReferenceWithoutSecretsDirIsRefusedSayingHowToConfigureIt() {
        assertThatThrownBy(() -> provider(null).createIdentity("jdoe",
                DataMap.of("AccountPassword", "file:host-neighbour.txt"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AccountPassword: the secret reference 'file:host-neighbour.txt' is refused")
                .hasMessageContaining("secretsDir: <folder>")
                .hasMessageNotContaining(OUTSIDE_CONTENT);
        assertThat(connections).hasValue(0);
    }

    @Test
    void aLiteralIsStillRefusedWithTheHintToUseThePlainTextKey() {
        assertThatThrownBy(() -> provider(null).createIdentity("jdoe",
                DataMap.of("AccountPassword", "Literal-Pa55!"), null))
                .hasMessageStartingWith("AccountPassword: expected a secret reference")
                .hasMessageContaining("AccountPasswordAsPlainText").hasMessageNotContaining("Literal-Pa55!");
    }
}
