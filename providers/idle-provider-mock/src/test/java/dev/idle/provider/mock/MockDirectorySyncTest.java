package dev.idle.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderException;
import dev.idle.spi.AuthSession;
import dev.idle.spi.SyncCycleStart;
import dev.idle.spi.SyncCycleState;
import dev.idle.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockDirectorySyncTest {
    @TempDir
    Path dir;

    @Test
    void startSyncCycleRecordsTheRunAsInProgressWithItsTime() {
        MockProvider mock = MockProvider.builder().build();
        Instant before = Instant.now().minusSeconds(1);

        SyncCycleStart start = mock.startSyncCycle("Delta", "aadc01", null);

        assertThat(start.started()).isTrue();
        assertThat(start.message()).contains("Delta").contains("aadc01");
        DataMap state = mock.store().directorySync();
        assertThat(state.get("status")).isEqualTo("InProgress");
        assertThat(Instant.parse((String) state.get("lastRunUtc"))).isAfter(before);
    }

    @Test
    void policyTypeIsMatchedIgnoringCase() {
        MockProvider mock = MockProvider.builder().build();

        assertThat(mock.startSyncCycle("initial", null, null).started()).isTrue();
        assertThat(mock.getSyncCycleState(null, null).inProgress()).isFalse();
        assertThat(mock.startSyncCycle("DELTA", null, null).started()).isTrue();
    }

    @Test
    void invalidPolicyTypeIsANonTransientErrorNamingTheValueAndChangesNothing() {
        MockProvider mock = MockProvider.builder().build();

        assertThatThrownBy(() -> mock.startSyncCycle("Invalid", "aadc01", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("'Invalid'").hasMessageContaining("Delta").hasMessageContaining("Initial");
        assertThatThrownBy(() -> mock.startSyncCycle(null, "aadc01", null)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("PolicyType");
        assertThat(mock.store().directorySync()).isNull();
    }

    @Test
    void withDefaultOptionsTheFirstPollFindsTheCycleFinishedAndSetsIdle() {
        MockProvider mock = MockProvider.builder().build();
        mock.startSyncCycle("Delta", null, null);

        SyncCycleState state = mock.getSyncCycleState(null, null);

        assertThat(state.inProgress()).isFalse();
        assertThat(state.state()).isEqualTo("Idle");
        assertThat(mock.store().directorySync().get("status")).isEqualTo("Idle");
    }

    @Test
    void startedCycleStaysInProgressForTheConfiguredNumberOfPolls() {
        MockProvider mock = MockProvider.builder().syncPollsUntilIdle(2).build();
        mock.startSyncCycle("Delta", null, null);

        List<Boolean> polls = List.of(mock.getSyncCycleState(null, null).inProgress(),
                mock.getSyncCycleState(null, null).inProgress(), mock.getSyncCycleState(null, null).inProgress(),
                mock.getSyncCycleState(null, null).inProgress());

        assertThat(polls).containsExactly(true, true, false, false);
    }

    @Test
    void pollWithoutAnyRunReportsIdle() {
        SyncCycleState state = MockProvider.builder().build().getSyncCycleState("aadc01", null);

        assertThat(state.inProgress()).isFalse();
        assertThat(state.state()).isEqualTo("Idle");
    }

    @Test
    void startingWhileACycleIsStillRunningFails() {
        MockProvider mock = MockProvider.builder().syncPollsUntilIdle(1).build();
        mock.startSyncCycle("Delta", null, null);

        assertThatThrownBy(() -> mock.startSyncCycle("Delta", null, null)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("already in progress");

        mock.getSyncCycleState(null, null);
        mock.getSyncCycleState(null, null);
        assertThat(mock.startSyncCycle("Delta", null, null).started()).isTrue();
    }

    @Test
    void failOnAndFailPermanentlyOnAcceptTheSyncMethods() {
        MockProvider mock = MockProvider.builder().failOn("startsynccycle", 1)
                .failPermanentlyOn("GetSyncCycleState").build();

        assertThatThrownBy(() -> mock.startSyncCycle("Delta", "aadc01", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("StartSyncCycle").hasMessageContaining("sync server 'aadc01'");
        assertThat(mock.startSyncCycle("Delta", "aadc01", null).started()).isTrue();
        assertThatThrownBy(() -> mock.getSyncCycleState("aadc01", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void sessionsPassedToTheSyncMethodsAreRecorded() {
        MockProvider mock = MockProvider.builder().build();
        AuthSession session = AuthSession.of("SyncAdmin", "Credential", null, null);

        mock.startSyncCycle("Delta", "aadc01", session);

        assertThat(mock.receivedSessions()).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("StartSyncCycle");
            assertThat(s.identityKey()).isEqualTo("aadc01");
        });
    }

    @Test
    void syncPollsUntilIdleIsAHostFileOptionAndMustBeANonNegativeWholeNumber() {
        MockProviderFactory factory = new MockProviderFactory();
        MockProvider mock = (MockProvider) factory.create("DirectorySync", DataMap.of("syncPollsUntilIdle", 1),
                new TestEnvironment(dir));
        mock.startSyncCycle("Delta", null, null);
        assertThat(mock.getSyncCycleState(null, null).inProgress()).isTrue();
        assertThat(mock.getSyncCycleState(null, null).inProgress()).isFalse();

        assertThatThrownBy(() -> factory.create("X", DataMap.of("syncPollsUntilIdle", "soon"), new TestEnvironment(dir)))
                .hasMessageContaining("syncPollsUntilIdle").hasMessageContaining("whole number");
        assertThatThrownBy(() -> factory.create("X", DataMap.of("syncPollsUntilIdle", -1), new TestEnvironment(dir)))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void directorySyncStateRoundTripsThroughTheStateFile() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, """
                { "identities": {}, "directorySync": { "status": "Idle", "lastRunUtc": "2025-01-01T12:00:00Z" } }
                """, StandardCharsets.UTF_8);
        MockProviderFactory factory = new MockProviderFactory();
        MockProvider mock = (MockProvider) factory.create("DirectorySync", DataMap.of("stateFile", "state.json"),
                new TestEnvironment(dir));

        assertThat(mock.getSyncCycleState(null, null).details().get("lastRunUtc")).isEqualTo("2025-01-01T12:00:00Z");
        mock.startSyncCycle("Initial", null, null);
        mock.close();

        JsonNode sync = new ObjectMapper().readTree(file.toFile()).get("directorySync");
        assertThat(sync.get("status").asText()).isEqualTo("InProgress");
        String lastRun = sync.get("lastRunUtc").asText();
        assertThat(Instant.parse(lastRun)).isAfter(Instant.parse("2025-01-01T12:00:00Z"));

        MockProvider reopened = (MockProvider) factory.create("DirectorySync", DataMap.of("stateFile", "state.json"),
                new TestEnvironment(dir));
        assertThat(reopened.store().directorySync()).containsEntry("status", "InProgress")
                .containsEntry("lastRunUtc", lastRun);
        SyncCycleState afterReload = reopened.getSyncCycleState(null, null);
        assertThat(afterReload.inProgress()).isFalse();
        assertThat(reopened.store().directorySync()).containsEntry("status", "Idle");
    }
}
