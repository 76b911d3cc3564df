package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.SecretReferences;
import dev.idle.testing.RecordingProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTest {
    private static final Function<String, String> ENV = Map.of("GRAPH_TOKEN", "s3cr3t-token")::get;

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void relativeStateFileResolvesAgainstTheHostFilesFolder() throws IOException {
        Path file = write("conf/host.yaml", """
                providers:
                  Identity:
                    type: recording
                    stateFile: state/identities.json
                """);
        try (Host host = Host.load(file, ENV)) {
            RecordingProviderFactory.Created p = (RecordingProviderFactory.Created) host.providers().get("identity");
            assertThat(p.baseDirectory()).isEqualTo(dir.resolve("conf").toAbsolutePath());
            assertThat(p.stateFile()).isEqualTo(dir.resolve("conf/state/identities.json").toAbsolutePath());
            assertThat(p.options()).doesNotContainKey("type").containsEntry("stateFile", "state/identities.json");
        }
    }

    @Test
    void providerTypeIsMatchedCaseInsensitively() throws IOException {
        Path file = write("host.yaml", "providers:\n  AD:\n    type: Recording\n");
        try (Host host = Host.load(file, ENV)) {
            assertThat(host.providers().aliases()).containsExactly("AD");
        }
    }

    @Test
    void unknownProviderTypeIsRejectedListingTheKnownTypes() {
        DataMap data = DataMap.of("providers", DataMap.of("AD", DataMap.of("type", "nosuch"), "X", "notamap",
                "Y", DataMap.of()));
        IdleInputException e = catchThrowableOfType(() -> Host.fromData(data, dir, "host.yaml", ENV),
                IdleInputException.class);
        assertThat(e.problems()).containsExactly(
                "host.yaml: providers.AD.type: unknown provider type 'nosuch'. Known types: recording.",
                "host.yaml: providers.X must be a map with a 'type'",
                "host.yaml: providers.Y.type: missing. Known types: recording.");
    }

    @Test
    void providerCreationErrorsUnknownKeysAndBadSectionsAreAllReported() {
        DataMap data = DataMap.of("providers", DataMap.of("AD", DataMap.of("type", "recording", "fail", "bad option")),
                "extra", 1,
                "authSessions", DataMap.of("Graph", DataMap.of("type", "Bogus")),
                "executionOptions", DataMap.of("RetryProfiles", DataMap.of("P", DataMap.of("MaxAttempts", 99))));
        IdleInputException e = catchThrowableOfType(() -> Host.fromData(data, dir, "host.yaml", ENV),
                IdleInputException.class);
        assertThat(e.getMessage()).startsWith("host.yaml: invalid host file");
        assertThat(e.problems()).hasSize(4)
                .anySatisfy(p -> assertThat(p).isEqualTo("host.yaml: providers.AD: fail: bad option"))
                .anySatisfy(p -> assertThat(p).contains("unknown key 'extra'"))
                .anySatisfy(p -> assertThat(p).contains("authSessions.Graph.type must be one of"))
                .anySatisfy(p -> assertThat(p).contains("MaxAttempts"));
    }

    @Test
    void rootMustBeAMap() {
        assertThat(catchThrowableOfType(() -> Host.fromData("x", dir, "host.yaml", ENV), IdleInputException.class))
                .hasMessage("host.yaml: a host file must be a map at the root");
    }

    @Test
    void emptyHostHasNoProvidersNoBrokerAndDefaultOptions() {
        Host host = Host.fromData(new DataMap(), dir, "host.yaml", ENV);
        assertThat(host.providers().aliases()).isEmpty();
        assertThat(host.providers().broker()).isNull();
        assertThat(host.executionOptions().profileFor("S", null)).isEqualTo(RetryProfile.DEFAULT);
    }

    @Test
    void authSessionsBecomeTheProvidersBrokerReadingTheGivenEnvironment() throws IOException {
        Path file = write("host.yaml", """
                authSessions:
                  Graph:
                    type: OAuth
                    env: GRAPH_TOKEN
                executionOptions:
                  DefaultRetryProfile: Fast
                  RetryProfiles:
                    Fast: { MaxAttempts: 1 }
                """);
        try (Host host = Host.load(file, ENV)) {
            AuthSession s = host.providers().broker().acquire("graph", new DataMap());
            assertThat(s.secret().reveal()).isEqualTo("s3cr3t-token");
            assertThat(host.executionOptions().profileFor("S", null).maxAttempts()).isEqualTo(1);
        }
    }

    @Test
    void secretsDirIsResolvedAgainstTheHostFolderAndGivenToProvidersWithTheHostsEnvironment() throws IOException {
        Files.createDirectories(dir.resolve("conf/secrets"));
        Files.writeString(dir.resolve("conf/secrets/pw.txt"), "from-secrets-dir\n");
        Path file = write("conf/host.yaml", """
                secretsDir: secrets
                providers:
                  Identity: { type: recording }
                """);
        try (Host host = Host.load(file, ENV)) {
            SecretReferences secrets =
                    ((RecordingProviderFactory.Created) host.providers().get("Identity")).secrets();
            assertThat(secrets.secretsDir()).contains(dir.resolve("conf/secrets").toAbsolutePath());
            assertThat(secrets.hostFolder()).isEqualTo(dir.resolve("conf").toAbsolutePath());
            assertThat(secrets.requestReference("file:pw.txt", "AccountPassword").reveal())
                    .isEqualTo("from-secrets-dir");
            assertThat(secrets.requestReference("env:GRAPH_TOKEN", "AccountPassword").reveal())
                    .isEqualTo("s3cr3t-token");
        }
    }

    @Test
    void withoutSecretsDirProvidersGetNoneAndRequestFileReferencesAreRefused() throws IOException {
        Path file = write("host.yaml", "providers:\n  Identity: { type: recording }\n");
        try (Host host = Host.load(file, ENV)) {
            SecretReferences secrets =
                    ((RecordingProviderFactory.Created) host.providers().get("Identity")).secrets();
            assertThat(secrets.secretsDir()).isEmpty();
            assertThatThrownBy(() -> secrets.requestReference("file:pw.txt", "AccountPassword"))
                    .hasMessageContaining("secretsDir");
        }
    }

    @Test
    void aSecretsDirThatIsNotAFolderIsAProblemOfTheHostFile() {
        IdleInputException e = catchThrowableOfType(() -> Host.fromData(DataMap.of("secretsDir", "nope"), dir,
                "host.yaml", ENV), IdleInputException.class);
        assertThat(e.problems()).containsExactly("host.yaml: secretsDir " + dir.resolve("nope").toAbsolutePath()
                + " is not a folder");
        IdleInputException notText = catchThrowableOfType(() -> Host.fromData(DataMap.of("secretsDir", 3), dir,
                "host.yaml", ENV), IdleInputException.class);
        assertThat(notText.problems()).containsExactly("host.yaml: secretsDir must be the path of a folder");
    }
}
