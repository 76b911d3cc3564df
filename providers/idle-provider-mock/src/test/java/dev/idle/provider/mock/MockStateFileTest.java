package dev.idle.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import dev.idle.testkit.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockStateFileTest {
    @TempDir
    Path dir;

    private final MockProviderFactory factory = new MockProviderFactory();

    /** Every field of the state-file shape, written exactly as the provider writes it. */
    private static final String FULL_STATE = """
            {
              "identities": {
                "adam": {
                  "enabled": false,
                  "attributes": {},
                  "entitlements": [],
                  "sessions": []
                },
                "jdoe": {
                  "enabled": true,
                  "attributes": {
                    "DisplayName": "John Doe",
                    "Department": "IT",
                    "EmployeeNumber": 4711,
                    "Score": 1.50,
                    "Aliases": [
                      "jd",
                      "johnny"
                    ],
                    "Manager": null
                  },
                  "entitlements": [
                    {
                      "kind": "Group",
                      "id": "sg-all-staff"
                    }
                  ],
                  "sessions": [
                    {
                      "id": "s1",
                      "client": "Outlook"
                    },
                    {
                      "id": "s2",
                      "client": null
                    }
                  ],
                  "container": "OU=Users,DC=example,DC=com",
                  "mailbox": {
                    "type": "User",
                    "outOfOffice": {
                      "mode": "Scheduled",
                      "internalMessage": "Away",
                      "externalMessage": "Out of office",
                      "externalAudience": "Known",
                      "start": "2025-01-01T00:00:00Z",
                      "end": "2025-01-10T00:00:00Z"
                    },
                    "permissions": [
                      {
                        "delegate": "boss",
                        "right": "FullAccess"
                      }
                    ]
                  }
                }
              },
              "directorySync": {
                "status": "Idle",
                "lastRunUtc": "2025-01-01T12:00:00Z"
              }
            }
            """;

    private MockProvider open(String stateFile, TestEnvironment env) {
        return (MockProvider) factory.create("Identity", DataMap.of("stateFile", stateFile), env);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void aTempFileAKilledSaveLeftBehindIsRemovedWhenTheStateFileIsLoaded() throws IOException {
        write("state.json", FULL_STATE);
        Path leftover = write(".state.json.idle-0123456789abcdef.tmp", "{ \"identities\": {");

        open("state.json", new TestEnvironment(dir));

        assertThat(leftover).doesNotExist();
        assertThat(tempFiles()).isZero();
    }

    @Test
    void stateFileRoundTripsEveryField() throws IOException {
        Path file = write("state.json", FULL_STATE);

        MockProvider mock = open("state.json", new TestEnvironment(dir));
        mock.close();

        assertThat(read(file)).isEqualTo(FULL_STATE);
    }

    @Test
    void stateFileIsReadIntoTheStore() throws IOException {
        write("state.json", FULL_STATE);

        MockProvider mock = open("state.json", new TestEnvironment(dir));

        MockIdentity jdoe = mock.store().get("JDOE");
        assertThat(jdoe.attributes()).containsEntry("department", "IT");
        assertThat(jdoe.entitlements()).containsExactly(Entitlement.of("Group", "sg-all-staff"));
        assertThat(jdoe.sessions()).containsExactly(new MockSession("s1", "Outlook"), new MockSession("s2", null));
        assertThat(jdoe.container()).isEqualTo("OU=Users,DC=example,DC=com");
        assertThat(jdoe.mailbox()).containsEntry("type", "User");
        assertThat(mock.store().directorySync()).containsEntry("status", "Idle");
        assertThat(mock.store().get("adam").enabled()).isFalse();
    }

    @Test
    void stateFileIsWrittenWithIdentitiesSortedByKey() throws IOException {
        Path file = write("state.json", """
                {"identities": {"zed": {}, "Mike": {"enabled": true}, "adam": {}}}""");

        open("state.json", new TestEnvironment(dir)).close();

        String text = read(file);
        assertThat(text.indexOf("\"adam\"")).isLessThan(text.indexOf("\"Mike\""));
        assertThat(text.indexOf("\"Mike\"")).isLessThan(text.indexOf("\"zed\""));
        assertThat(text).doesNotContain("directorySync").doesNotContain("container").doesNotContain("mailbox");
    }

    @Test
    void changesArePersistedOnClose() throws IOException {
        Path file = write("state.json", FULL_STATE);
        MockProvider mock = open("state.json", new TestEnvironment(dir));

        mock.revokeSessions("jdoe", null);
        mock.grantEntitlement("jdoe", Entitlement.of("Group", "sg-vpn"), null);
        mock.close();

        MockProvider reopened = open("state.json", new TestEnvironment(dir));
        assertThat(reopened.store().get("jdoe").sessions()).isEmpty();
        assertThat(reopened.listEntitlements("jdoe", null)).extracting(Entitlement::id)
                .containsExactly("sg-all-staff", "sg-vpn");
        assertThat(new ObjectMapper().readTree(file.toFile()).at("/identities/jdoe/sessions").size()).isZero();
    }

    @Test
    void missingStateFileStartsEmptyAndIsCreatedOnClose() throws IOException {
        MockProvider mock = open("sub/state.json", new TestEnvironment(dir));

        assertThat(mock.store().snapshot()).isEmpty();
        mock.createIdentity("jdoe", DataMap.of("DisplayName", "John"), null);
        mock.close();

        assertThat(read(dir.resolve("sub/state.json"))).contains("\"DisplayName\": \"John\"");
    }

    @Test
    void invalidStateFileNamesFileLineAndColumn() throws IOException {
        Path file = write("state.json", "{\n  \"identities\": {\n    \"jdoe\": { \"enabled\": tru }\n  }\n}\n");

        assertThatThrownBy(() -> open("state.json", new TestEnvironment(dir)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toAbsolutePath() + ":3:")
                .hasMessageMatching("(?s).*:3:\\d+: invalid JSON in mock state file: .*");
    }

    @Test
    void stateFileWithAWrongShapeNamesTheProblem() throws IOException {
        write("state.json", "{\"identities\": {\"jdoe\": {\"enabled\": \"yes\"}}}");
        write("other.json", "{\"identities\": {\"jdoe\": {\"groups\": []}}}");

        assertThatThrownBy(() -> open("state.json", new TestEnvironment(dir)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdoe.enabled").hasMessageContaining("state.json");
        assertThatThrownBy(() -> open("other.json", new TestEnvironment(dir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'groups'");
    }

    @Test
    void stateFileIsWrittenAtomically() throws IOException {
        Path file = write("state.json", FULL_STATE);
        MockProvider mock = open("state.json", new TestEnvironment(dir));
        mock.disableIdentity("jdoe", null);
        mock.close();
        assertThat(tempFiles()).as("no temp file remains after a good write").isZero();
        String good = read(file);

        MockProvider broken = open("state.json", new TestEnvironment(dir));
        broken.ensureAttribute("jdoe", "Unserialisable", new Object(), null);
        assertThatThrownBy(broken::close).isInstanceOf(IllegalStateException.class);

        assertThat(read(file)).as("a failed write leaves the old file").isEqualTo(good);
        assertThat(tempFiles()).isZero();
    }

    @Test
    void failedRenameLeavesTheOldFileAndNoTempFile() throws IOException {
        Path file = write("state.json", "old content");
        MockStateFile writer = new MockStateFile(file, (from, to) -> {
            throw new IOException("simulated rename failure");
        });

        assertThatThrownBy(() -> writer.save("new content".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString());

        assertThat(read(file)).isEqualTo("old content");
        assertThat(tempFiles()).isZero();
    }

    @Test
    void twoAliasesOnOneStateFileShareOneStore() throws IOException {
        Path file = write("state.json", FULL_STATE);
        TestEnvironment host = new TestEnvironment(dir);
        MockProvider identity = open("state.json", host);
        MockProvider directory = open("./sub/../state.json", host);

        identity.revokeSessions("jdoe", null);
        assertThat(directory.revokeSessions("jdoe", null).changed()).as("sees the other alias's change").isFalse();
        directory.grantEntitlement("jdoe", Entitlement.of("Group", "sg-vpn"), null);
        assertThat(identity.store()).isSameAs(directory.store());

        identity.close();
        Files.writeString(file, "written by someone else");
        directory.close();

        assertThat(read(file)).as("unchanged store is not written a second time").isEqualTo("written by someone else");
    }

    @Test
    void aChangeBetweenTheTwoClosesIsNotLost() throws IOException {
        write("state.json", FULL_STATE);
        TestEnvironment host = new TestEnvironment(dir);
        MockProvider first = open("state.json", host);
        MockProvider second = open("state.json", host);

        first.close();
        second.disableIdentity("jdoe", null);
        second.close();

        assertThat(open("state.json", new TestEnvironment(dir)).store().get("jdoe").enabled()).isFalse();
    }

    @Test
    void failOnCountsAreSharedByAliasesOnOneStateFile() throws IOException {
        write("state.json", FULL_STATE);
        TestEnvironment host = new TestEnvironment(dir);
        DataMap options = DataMap.of("stateFile", "state.json", "failOn", DataMap.of("GetIdentity", 2));
        MockProvider a = (MockProvider) factory.create("A", options, host);
        MockProvider b = (MockProvider) factory.create("B", options, host);

        assertThatThrownBy(() -> a.getIdentity("jdoe", null)).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> b.getIdentity("jdoe", null)).isInstanceOf(ProviderException.class);
        assertThat(a.getIdentity("jdoe", null).identityKey()).isEqualTo("jdoe");
        assertThat(b.getIdentity("jdoe", null).identityKey()).isEqualTo("jdoe");
    }

    @Test
    void separateHostsDoNotShareAStore() throws IOException {
        write("state.json", FULL_STATE);

        MockProvider one = open("state.json", new TestEnvironment(dir));
        MockProvider two = open("state.json", new TestEnvironment(dir));

        assertThat(one.store()).isNotSameAs(two.store());
    }

    @Test
    void concurrentChangesThroughTwoAliasesAreNotLost() throws Exception {
        write("state.json", FULL_STATE);
        TestEnvironment host = new TestEnvironment(dir);
        MockProvider a = open("state.json", host);
        MockProvider b = open("state.json", host);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            MockProvider alias = i % 2 == 0 ? a : b;
            String id = "sg-" + i;
            done.add(pool.submit(() -> alias.grantEntitlement("jdoe", Entitlement.of("Group", id), null)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(a.listEntitlements("jdoe", null)).hasSize(401);
    }
}
