package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.provider.microsoft.MicrosoftIdentityOptions;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.SecretReferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's own {@code auth} option with a {@code file} secret: the path is resolved once, but the file is read
 * on every call, so a rotated secret is picked up, and a missing file is reported as before.
 */
class DefaultAuthSecretFileTest {
    @TempDir
    Path hostFolder;

    private Supplier<AuthSession> auth() {
        return MicrosoftIdentityOptions.auth(DataMap.of("type", "ClientSecret", "tenantId", "t", "clientId", "c",
                "file", "secrets/client.txt"), "Graph", SecretReferences.of(hostFolder), "providers.Graph");
    }

    @Test
    void aRotatedSecretFileIsReadOnTheNextCall() throws Exception {
        Files.createDirectories(hostFolder.resolve("secrets"));
        Files.writeString(hostFolder.resolve("secrets/client.txt"), "first");
        Supplier<AuthSession> auth = auth();
        assertThat(auth.get().secret().reveal()).isEqualTo("first");
        Files.writeString(hostFolder.resolve("secrets/client.txt"), "second");
        assertThat(auth.get().secret().reveal()).isEqualTo("second");
        assertThat(auth.get().attributes().getString("file"))
                .isEqualTo(hostFolder.resolve("secrets/client.txt").toAbsolutePath().normalize().toString());
    }

    @Test
    void aMissingSecretFileNamesTheResolvedPathAndNeverAValue() {
        Path expected = hostFolder.resolve("secrets/client.txt").toAbsolutePath().normalize();
        assertThatThrownBy(() -> auth().get()).isInstanceOf(ProviderException.class)
                .hasMessage("providers.Graph: cannot read secret file " + expected + ": NoSuchFileException");
    }
}
