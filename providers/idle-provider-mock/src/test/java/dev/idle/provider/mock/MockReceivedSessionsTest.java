package dev.idle.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import dev.idle.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, item 9: the mock holds current state only, and never a secret it was handed. */
class MockReceivedSessionsTest {
    @TempDir
    Path dir;

    private static AuthSession session(int n) {
        return AuthSession.of("Graph", "OAuth", DataMap.of("TenantId", "t-" + n), Secret.of("s3cr3t-token-" + n));
    }

    @Test
    void mockKeepsOnlyCurrentStateNotEveryReceivedSession() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();
        int calls = ReceivedSessionLog.KEPT * 3;

        for (int i = 0; i < calls; i++) {
            mock.revokeSessions("jdoe", session(i));
        }

        assertThat(mock.receivedSessions()).hasSize(ReceivedSessionLog.KEPT);
        assertThat(mock.receivedSessions().get(ReceivedSessionLog.KEPT - 1).session().attributes())
                .as("the newest is kept").containsEntry("TenantId", "t-" + (calls - 1));
        assertThat(mock.receivedSessions().get(0).session().attributes())
                .as("the oldest are dropped").containsEntry("TenantId", "t-" + (calls - ReceivedSessionLog.KEPT));
    }

    @Test
    void aRecordedSessionKeepsNameTypeAndAttributesButNotTheSecret() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        mock.disableIdentity("jdoe", session(1));

        ReceivedSession recorded = mock.receivedSessions().get(0);
        assertThat(recorded.session().name()).isEqualTo("Graph");
        assertThat(recorded.session().type()).isEqualTo("OAuth");
        assertThat(recorded.session().attributes()).containsEntry("TenantId", "t-1");
        assertThat(recorded.session().secret()).isNull();
    }

    @Test
    void theStateFileNeverHoldsASecretTheMockReceived() throws IOException {
        MockProvider mock = (MockProvider) new MockProviderFactory().create("Identity",
                DataMap.of("stateFile", "state.json"), new TestEnvironment(dir));
        mock.createIdentity("jdoe", DataMap.of("PasswordProfile", DataMap.of("password", "P@ssw0rd-secret")),
                session(7));
        mock.revokeSessions("jdoe", session(7));

        mock.afterRequest();

        String state = Files.readString(dir.resolve("state.json"), StandardCharsets.UTF_8);
        assertThat(state).contains("jdoe").doesNotContain("s3cr3t").doesNotContain("P@ssw0rd")
                .doesNotContain("Graph");
    }
}
