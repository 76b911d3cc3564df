package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderFactory;
import dev.idle.graphsim.GraphSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.idle.testkit.TestEnvironment;

class EntraIdProviderFactoryTest {
    private static final ProviderFactory.Environment ENV = new TestEnvironment(Path.of("."), new HashMap<>());

    @TempDir
    Path dir;

    private static Provider create(DataMap options) {
        return new EntraIdProviderFactory(name -> null).create("Identity", options, ENV);
    }

    /** A factory environment whose base directory is {@code base} (relative option paths resolve against it). */
    private static ProviderFactory.Environment at(Path base) {
        return new TestEnvironment(base, new HashMap<>());
    }

    @Test
    void serviceLoaderFindsTheFactoryUnderTypeEntraid() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .map(ProviderFactory::type)).contains("entraid");
    }

    @Test
    void deleteIsAdvertisedOnlyWhenAllowed() {
        assertThat(create(new DataMap()).capabilities()).doesNotContain("IdLE.Identity.Delete")
                .contains("IdLE.Identity.RevokeSessions", "IdLE.Entitlement.Prune");
        assertThat(create(DataMap.of("allowDelete", true)).capabilities()).last().isEqualTo("IdLE.Identity.Delete");
    }

    @Test
    void unknownOptionsAndInlineSecretsAreRejected() {
        assertThatThrownBy(() -> create(DataMap.of("trustAll", true)))
                .hasMessageContaining("unknown option 'trustAll'");
        assertThatThrownBy(() -> create(DataMap.of("auth", DataMap.of("type", "ClientSecret", "tenantId", "t",
                "clientId", "c", "clientSecret", "s3cr3t"))))
                .hasMessageContaining("unknown key 'clientSecret'").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> create(DataMap.of("auth", DataMap.of("type", "ClientSecret", "tenantId", "t",
                "clientId", "c")))).hasMessageContaining("names no secret");
    }

    @Test
    void plainHttpIsRefusedForGraphAndTheAuthority() {
        assertThatThrownBy(() -> create(DataMap.of("baseUrl", "http://127.0.0.1:1/v1.0")))
                .hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> create(DataMap.of("authorityHost", "http://127.0.0.1:1")))
                .hasMessageContaining("must use https");
    }

    @Test
    void aCallWithoutSessionOrAuthOptionFailsClearlyInsteadOfSendingAPlaceholderToken() {
        EntraIdProvider p = (EntraIdProvider) create(DataMap.of("baseUrl", "https://127.0.0.1:1/v1.0"));

        assertThatThrownBy(() -> p.getIdentity("a@b.example", null))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no credentials")
                .hasMessageContaining("no 'auth' option");
    }

    @Test
    void anUnsetSecretVariableIsReportedByName() {
        EntraIdProvider p = (EntraIdProvider) create(DataMap.of("baseUrl", "https://127.0.0.1:1/v1.0",
                "auth", DataMap.of("type", "ClientSecret", "tenantId", "t", "clientId", "c", "env", "NOPE_SECRET")));

        assertThatThrownBy(() -> p.getIdentity("a@b.example", null))
                .hasMessageContaining("environment variable NOPE_SECRET is not set");
    }

    @Test
    void theTrustStorePasswordIsReadFromTrustStorePasswordFileRelativeToTheHostFile() throws Exception {
        try (GraphSimulator sim = GraphSimulator.builder().build().start()) {
            Files.copy(sim.trustStore(), dir.resolve("truststore.p12"));
            Files.writeString(dir.resolve("truststore.password"), new String(sim.trustStorePassword()) + "\n");
            sim.registerApp("t", "c", "file-secret-1");
            Files.writeString(dir.resolve("client.secret"), "file-secret-1\n");
            String upn = "a@b.example";
            sim.addUser(upn, "A B");
            EntraIdProvider p = (EntraIdProvider) new EntraIdProviderFactory(name -> null).create("Identity",
                    DataMap.of("baseUrl", sim.graphBaseUrl().toString(), "authorityHost",
                            sim.authorityHost().toString(), "trustStore", "truststore.p12",
                            "trustStorePasswordFile", "truststore.password",
                            "auth", DataMap.of("type", "ClientSecret", "tenantId", "t", "clientId", "c",
                                    "file", "client.secret")), at(dir));

            // the TLS handshake with the simulator succeeds only with its certificate from the loaded store
            assertThat(p.getIdentity(upn, null)).isNotNull();
        }
    }

    @Test
    void aMissingTrustStorePasswordFileIsReportedWithItsKeyWhenTheHostIsLoaded() throws Exception {
        try (GraphSimulator sim = GraphSimulator.builder().build().start()) {
            Files.copy(sim.trustStore(), dir.resolve("truststore.p12"));
            ProviderFactory.Environment env = at(dir);
            EntraIdProviderFactory factory = new EntraIdProviderFactory(name -> null);

            assertThatThrownBy(() -> factory.create("Identity", DataMap.of("trustStore", "truststore.p12",
                    "trustStorePasswordFile", "no-such.password"), env))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Entra ID provider 'Identity'")
                    .hasMessageContaining("trustStorePasswordFile")
                    .hasMessageContaining(dir.resolve("no-such.password").toAbsolutePath().normalize().toString());
            assertThatThrownBy(() -> factory.create("Identity", DataMap.of("trustStorePasswordFile", "x"), env))
                    .hasMessageContaining("option 'trustStorePasswordFile' needs 'trustStore'");
            assertThatThrownBy(() -> factory.create("Identity", DataMap.of("trustStore", "truststore.p12",
                    "trustStorePasswordFile", "x", "trustStorePasswordEnv", "Y"), env))
                    .hasMessageContaining("not both");
            // a wrong password is a load error of the store, not a silent fallback to the JDK's trust
            Files.writeString(dir.resolve("wrong.password"), "not-the-password");
            assertThatThrownBy(() -> factory.create("Identity", DataMap.of("trustStore", "truststore.p12",
                    "trustStorePasswordFile", "wrong.password"), env))
                    .hasMessageContaining("cannot load trust store");
        }
    }
}
