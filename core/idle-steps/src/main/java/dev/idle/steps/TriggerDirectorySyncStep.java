package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.api.event.EventTypes;
import dev.idle.spi.DirectorySyncStatus;
import dev.idle.spi.DirectorySyncTrigger;
import dev.idle.spi.EventWriter;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.Sleeper;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;
import dev.idle.spi.SyncCycleStart;
import dev.idle.spi.SyncCycleState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code IdLE.Step.TriggerDirectorySync}: starts a directory sync cycle ({@code StartSyncCycle}) and, with
 * {@code With.Wait}, polls {@code GetSyncCycleState} every {@code PollIntervalSeconds} until the cycle is no longer
 * in progress or {@code TimeoutSeconds} have passed. {@code ComputerName} and {@code PolicyType} are forwarded as
 * given; the provider validates them. Every call goes through the common provider-call rules (one session
 * acquisition per call when {@code AuthSessionName} is set).
 */
public final class TriggerDirectorySyncStep implements Step {
    public static final String TYPE = "IdLE.Step.TriggerDirectorySync";
    static final String DEFAULT_ALIAS = "DirectorySync";
    private static final String LABEL = "TriggerDirectorySync";
    private static final int DEFAULT_TIMEOUT_SECONDS = 600;
    private static final int DEFAULT_POLL_INTERVAL_SECONDS = 10;

    private final Clock clock;
    private final Sleeper sleeper;

    public TriggerDirectorySyncStep() {
        this(Clock.systemUTC(), Sleeper.SYSTEM);
    }

    TriggerDirectorySyncStep(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The timeout failure, which has already reported itself with its own {@code DirectorySyncFailed} event. */
    private static final class WaitTimeout extends IllegalStateException {
        WaitTimeout(String message) {
            super(message);
        }
    }

    @Override
    public StepResult execute(StepContext ctx) {
        DataMap with = ctx.with();
        String computerName = with.containsKey("ComputerName") ? Values.ps(with.get("ComputerName")) : null;
        String policyType = with.containsKey("PolicyType") ? Values.ps(with.get("PolicyType")) : null;
        boolean wait = waitRequested(with.get("Wait"));
        int timeout = seconds(with, "TimeoutSeconds", DEFAULT_TIMEOUT_SECONDS);
        int interval = seconds(with, "PollIntervalSeconds", DEFAULT_POLL_INTERVAL_SECONDS);
        String alias = ProviderCalls.alias(ctx, DEFAULT_ALIAS);
        ctx.provider(alias);
        EventWriter events = ctx.events();

        events.write(EventTypes.DIRECTORY_SYNC_TRIGGERED, policyType == null || policyType.isBlank()
                        ? "Triggering directory sync cycle" : "Triggering " + policyType + " sync cycle",
                DataMap.of("policyType", policyType, "computerName", computerName));
        try {
            SyncCycleStart start = ProviderCalls.invoke(ctx, alias, DirectorySyncTrigger.class,
                    (p, s) -> p.startSyncCycle(policyType, computerName, s));
            boolean changed = start != null && start.started();
            if (!wait) {
                events.write(EventTypes.DIRECTORY_SYNC_COMPLETED, "Sync cycle triggered (not waiting)",
                        DataMap.of("policyType", policyType));
                return StepResult.changed(changed);
            }
            waitForCompletion(ctx, alias, computerName, timeout, interval, events);
            return StepResult.changed(changed);
        } catch (WaitTimeout e) {
            throw e;
        } catch (RuntimeException e) {
            events.write(EventTypes.DIRECTORY_SYNC_FAILED,
                    "Failed to trigger or wait for sync cycle: " + e.getMessage(),
                    DataMap.of("error", e.getMessage()));
            throw e;
        }
    }

    private void waitForCompletion(StepContext ctx, String alias, String computerName, int timeout, int interval,
                                   EventWriter events) {
        events.write(EventTypes.DIRECTORY_SYNC_WAITING,
                "Waiting for sync cycle to complete (timeout: " + timeout + "s)",
                DataMap.of("timeoutSeconds", timeout, "pollIntervalSeconds", interval));
        Instant start = clock.instant();
        for (int attempt = 1; ; attempt++) {
            double elapsed = Duration.between(start, clock.instant()).toMillis() / 1000.0;
            if (elapsed >= timeout) {
                SyncCycleState last = poll(ctx, alias, computerName);
                String lastState = stateName(last);
                events.write(EventTypes.DIRECTORY_SYNC_FAILED, "Sync cycle wait timeout after " + timeout + "s",
                        DataMap.of("timeoutSeconds", timeout, "elapsedSeconds", (int) elapsed,
                                "lastKnownState", lastState));
                throw new WaitTimeout(LABEL + ": Timeout waiting for sync cycle to complete after " + timeout
                        + "s. Last known state: " + lastState);
            }
            SyncCycleState state = poll(ctx, alias, computerName);
            // A backend that cannot tell is taken to be still busy, as upstream does.
            boolean inProgress = state == null || state.inProgress() == null || state.inProgress();
            String stateName = stateName(state);
            events.write(EventTypes.DIRECTORY_SYNC_POLL, "Poll attempt " + attempt + " - State: " + stateName,
                    DataMap.of("attempt", attempt, "state", stateName, "inProgress", inProgress,
                            "elapsedSeconds", (int) elapsed));
            if (!inProgress) {
                events.write(EventTypes.DIRECTORY_SYNC_COMPLETED, "Sync cycle completed",
                        DataMap.of("attempts", attempt, "elapsedSeconds", (int) elapsed));
                return;
            }
            try {
                sleeper.sleep(Duration.ofSeconds(interval));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(LABEL + ": interrupted while waiting for the sync cycle.", e);
            }
        }
    }

    private static SyncCycleState poll(StepContext ctx, String alias, String computerName) {
        return ProviderCalls.invoke(ctx, alias, DirectorySyncStatus.class,
                (p, s) -> p.getSyncCycleState(computerName, s));
    }

    private static String stateName(SyncCycleState state) {
        return state == null || state.state() == null || state.state().isBlank() ? "Unknown" : state.state();
    }

    /**
     * {@code With.Wait}: booleans as they are; the text {@code "false"} (any case, surrounding blanks ignored) is
     * false; anything else is PowerShell-truthy. Upstream treats {@code "false"} as true.
     */
    static boolean waitRequested(Object value) {
        if (value instanceof String s && s.trim().equalsIgnoreCase("false")) {
            return false;
        }
        return Values.truthy(value);
    }

    /** A whole number of seconds, greater than 0. */
    private static int seconds(DataMap with, String key, int defaultValue) {
        Object raw = with.get(key);
        if (raw == null) {
            return defaultValue;
        }
        int value;
        try {
            if (raw instanceof Number n) {
                value = new BigDecimal(n.toString()).intValueExact();
            } else {
                value = Integer.parseInt(Values.ps(raw).trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(LABEL + ": With." + key + " must be a whole number of seconds. Got: "
                    + Values.ps(raw), e);
        }
        if (value <= 0) {
            throw new IllegalArgumentException(LABEL + ": With." + key + " must be greater than 0. Got: " + value);
        }
        return value;
    }
}
