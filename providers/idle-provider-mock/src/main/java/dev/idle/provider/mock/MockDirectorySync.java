package dev.idle.provider.mock;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.ProviderException;
import dev.idle.spi.SyncCycleStart;
import dev.idle.spi.SyncCycleState;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The mock's directory-sync simulation on the store's top-level {@code directorySync} state
 * ({@code status}: {@code Idle} or {@code InProgress}, {@code lastRunUtc}: ISO-8601 instant of the last start).
 *
 * <p>{@code StartSyncCycle} accepts policy type {@code Delta} or {@code Initial} (any case), sets {@code status}
 * to {@code InProgress} and {@code lastRunUtc} to now. The cycle then stays in progress for the next
 * {@code syncPollsUntilIdle} {@code GetSyncCycleState} calls; the call after that finds it finished and sets
 * {@code status} back to {@code Idle}. Starting while a cycle still has in-progress polls left fails, as ADSync
 * refuses a second cycle. How many in-progress polls are left is not part of the state file: a file that says
 * {@code InProgress} is reported finished at the first poll.
 *
 * <p>One instance per backend, so aliases sharing a state file share the running cycle. Callers hold the store's
 * lock ({@link MockStore#atomically}).
 */
final class MockDirectorySync {
    static final String IDLE = "Idle";
    static final String IN_PROGRESS = "InProgress";

    private final MockStore store;
    private final Clock clock;
    private int pollsLeft;

    MockDirectorySync(MockStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    SyncCycleStart start(String policyType, String computerName, int pollsUntilIdle) {
        String policy = policyType == null ? "" : policyType.trim();
        if (!policy.equalsIgnoreCase("Delta") && !policy.equalsIgnoreCase("Initial")) {
            throw new ProviderException("PolicyType must be 'Delta' or 'Initial'. Got: '"
                    + (policyType == null ? "" : policyType) + "'.");
        }
        if (IN_PROGRESS.equalsIgnoreCase(status()) && pollsLeft > 0) {
            throw new ProviderException("A directory sync cycle is already in progress; wait for it to finish"
                    + " before starting another (mock directory sync).");
        }
        DataMap state = current();
        state.put("status", IN_PROGRESS);
        state.put("lastRunUtc", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        store.directorySync(state);
        pollsLeft = pollsUntilIdle;
        String host = computerName == null || computerName.isBlank() ? "the mock sync server" : computerName;
        return new SyncCycleStart(true, "Sync cycle triggered with PolicyType: " + policyType + " on " + host);
    }

    SyncCycleState state() {
        DataMap state = current();
        DataMap details = DataMap.of("lastRunUtc", state.get("lastRunUtc"));
        if (!IN_PROGRESS.equalsIgnoreCase(status())) {
            String status = Values.ps(state.get("status"));
            return new SyncCycleState(false, status.isBlank() ? IDLE : status, details);
        }
        if (pollsLeft > 0) {
            pollsLeft--;
            return new SyncCycleState(true, IN_PROGRESS, details);
        }
        state.put("status", IDLE);
        store.directorySync(state);
        return new SyncCycleState(false, IDLE, details);
    }

    private String status() {
        return Values.ps(current().get("status"));
    }

    private DataMap current() {
        DataMap state = store.directorySync();
        return state == null ? DataMap.of("status", IDLE, "lastRunUtc", null) : state;
    }
}
