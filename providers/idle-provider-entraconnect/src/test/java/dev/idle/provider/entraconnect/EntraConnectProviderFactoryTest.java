package dev.idle.provider.entraconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderFactory;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host-file options of {@code type: entraconnect}. */
class EntraConnectProviderFactoryTest {
    @TempDir
    Path dir;

    private EntraConnectProvider create(DataMap options) {
        return EntraConnectProviderFactory.create("DirectorySync", options, dir, n -> null);
    }

    @Test
    void factoryIsDiscoveredUnderTypeEntraconnect() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .map(ProviderFactory::type)).contains("entraconnect");
    }

    @Test
    void defaultsNeedNoOptions() {
        assertThat(create(new DataMap()).capabilities())
                .containsExactly("IdLE.DirectorySync.Trigger", "IdLE.DirectorySync.Status");
    }

    @Test
    void plainHttpEndpointIsRefusedNamingTheReason() {
        assertThatThrownBy(() -> create(DataMap.of("endpoint", "http://{ComputerName}:5985/wsman")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option 'endpoint'")
                .hasMessageContaining("message encryption");
    }

    @Test
    void unknownOptionIsRejectedListingTheSupportedOnes() {
        assertThatThrownBy(() -> create(DataMap.of("trustAll", true)))
                .hasMessageContaining("unknown option 'trustAll'")
                .hasMessageContaining("trustStore");
    }

    @Test
    void inlinePasswordInAuthIsRejected() {
        assertThatThrownBy(() -> create(DataMap.of("auth", DataMap.of("type", "Credential", "username", "u",
                "password", "secret"))))
                .hasMessageContaining("auth.password is not supported; secrets must not be written in the host file");
    }

    @Test
    void authOfAnotherTypeIsRejected() {
        assertThatThrownBy(() -> create(DataMap.of("auth", DataMap.of("type", "OAuth", "username", "u",
                "passwordEnv", "P"))))
                .hasMessageContaining("auth.type must be 'Credential'");
    }

    @Test
    void missingAuthPasswordIsRejectedAtLoad() {
        assertThatThrownBy(() -> create(DataMap.of("auth", DataMap.of("username", "u"))))
                .hasMessageContaining("auth needs passwordEnv or passwordFile");
    }

    @Test
    void unsetPasswordVariableFailsTheCallNotTheLoad() {
        EntraConnectProvider p = create(DataMap.of("auth", DataMap.of("username", "u", "passwordEnv", "NOPE")));
        assertThatThrownBy(() -> p.getSyncCycleState("aadc01", null))
                .hasMessageContaining("environment variable NOPE is not set");
    }

    @Test
    void missingTrustStoreFileIsReported() {
        assertThatThrownBy(() -> create(DataMap.of("trustStore", "nope.pem")))
                .hasMessageContaining("cannot read option 'trustStore'");
    }

    @Test
    void nonPositiveTimeoutIsRejected() {
        assertThatThrownBy(() -> create(DataMap.of("operationTimeoutSeconds", 0)))
                .hasMessageContaining("option 'operationTimeoutSeconds' must be a whole number of seconds greater than 0");
    }

    @Test
    void computerNameThatIsNoHostNameFailsBeforeAnyConnection() {
        EntraConnectProvider p = create(new DataMap());
        assertThatThrownBy(() -> p.getSyncCycleState("evil/path?x", dev.idle.spi.AuthSession.of("x", "Credential",
                DataMap.of("username", "u"), dev.idle.spi.Secret.of("p"))))
                .hasMessageContaining("is not a valid computer name");
    }
}
