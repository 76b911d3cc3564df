package dev.idle.winrmsim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulated Entra Connect server behind the WinRM simulator: the ADSync scheduler and its sync cycle.
 *
 * <p>{@code Start-ADSyncSyncCycle -PolicyType Delta|Initial} starts a cycle and answers {@code Result = Success}; while
 * a cycle runs it fails as ADSync does ({@code Sync is already running...}). A started cycle stays in progress either
 * for a number of {@code Get-ADSyncScheduler} calls ({@link #cyclePolls}, default 1; 0 = finished at once) or for a span of time
 * ({@link #cycleDuration}); in {@linkplain #stuck stuck} mode it never finishes. In {@linkplain #accessDenied
 * access-denied} mode (or for a user who is not an ADSync operator) every ADSync cmdlet fails with the COM "Access is
 * denied" error ADSync gives to accounts outside {@code ADSyncOperators}. Thread-safe.
 */
public final class EntraConnectServer {
    /** ADSync's answer to a second start while a cycle runs. */
    public static final String ALREADY_RUNNING = "System.InvalidOperationException: Sync is already running. "
            + "Cannot start a new run till this one completes.";
    /** ADSync's answer to an account that is neither local administrator nor in ADSyncOperators. */
    public static final String ACCESS_DENIED = "Retrieving the COM class factory for remote component with CLSID "
            + "{835BEE60-8731-4159-8BFF-941301D76D05} from machine localhost failed due to the following error: "
            + "80070005 Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED)).";

    private final Clock clock;
    private int cyclePolls = 1;
    private Duration cycleDuration;
    private boolean stuck;
    private boolean accessDenied;
    private boolean inProgress;
    private int pollsLeft;
    private Instant endsAt;
    private String nextPolicyType = "Delta";
    private Instant lastStart;
    private final List<String> started = new ArrayList<>();
    private int schedulerReads;

    EntraConnectServer(Clock clock) {
        this.clock = clock;
    }

    /** A cycle reads as in progress for the next {@code n} scheduler reads, then as finished. Clears a duration. */
    public synchronized EntraConnectServer cyclePolls(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cyclePolls must be >= 0");
        }
        cyclePolls = n;
        cycleDuration = null;
        return this;
    }

    /** A cycle reads as in progress until this long after its start. Takes precedence over {@link #cyclePolls}. */
    public synchronized EntraConnectServer cycleDuration(Duration d) {
        cycleDuration = d;
        return this;
    }

    /** Stuck mode: a started cycle never finishes (until {@code stuck(false)}). */
    public synchronized EntraConnectServer stuck(boolean on) {
        stuck = on;
        return this;
    }

    /** Access-denied mode: every ADSync cmdlet fails with {@link #ACCESS_DENIED}. */
    public synchronized EntraConnectServer accessDenied(boolean on) {
        accessDenied = on;
        return this;
    }

    /** Ends a running cycle now, as if it had finished. */
    public synchronized void finishCycle() {
        inProgress = false;
    }

    public synchronized boolean cycleInProgress() {
        return inProgress && !finished();
    }

    /** The policy types of the cycles started so far, as sent. */
    public synchronized List<String> startedCycles() {
        return List.copyOf(started);
    }

    public synchronized int schedulerReads() {
        return schedulerReads;
    }

    /** What a cmdlet call produced: the objects written to the pipeline, or the error that stopped it. */
    record Outcome(List<Map<String, Object>> objects, String error) {
        static Outcome ok(List<Map<String, Object>> objects) {
            return new Outcome(objects, null);
        }

        static Outcome failed(String error) {
            return new Outcome(List.of(), error);
        }
    }

    synchronized Outcome startSyncCycle(String policyType, boolean operator) {
        if (accessDenied || !operator) {
            return Outcome.failed(ACCESS_DENIED);
        }
        String p = policyType == null ? "" : policyType.trim();
        String canonical = p.equalsIgnoreCase("Delta") ? "Delta" : p.equalsIgnoreCase("Initial") ? "Initial" : null;
        if (canonical == null) {
            return Outcome.failed("Cannot bind parameter 'PolicyType'. Cannot convert value \"" + p + "\" to type "
                    + "\"Microsoft.IdentityManagement.PowerShell.ObjectModel.SynchronizationPolicyType\". Error: "
                    + "\"Unable to match the identifier name " + p + " to a valid enumerator name. Specify one of the "
                    + "following enumerator names and try again: Unspecified, Delta, Initial\"");
        }
        if (inProgress && !finished()) {
            return Outcome.failed(ALREADY_RUNNING);
        }
        inProgress = true;
        pollsLeft = cyclePolls;
        lastStart = clock.instant();
        endsAt = cycleDuration == null ? null : lastStart.plus(cycleDuration);
        started.add(policyType);
        nextPolicyType = "Delta";
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Result", "Success");
        return Outcome.ok(List.of(result));
    }

    synchronized Outcome scheduler(boolean operator) {
        if (accessDenied || !operator) {
            return Outcome.failed(ACCESS_DENIED);
        }
        schedulerReads++;
        boolean running;
        if (!inProgress) {
            running = false;
        } else if (stuck) {
            running = true;
        } else if (endsAt != null) {
            running = clock.instant().isBefore(endsAt);
        } else if (pollsLeft > 0) {
            pollsLeft--;
            running = true;
        } else {
            running = false;
        }
        if (!running) {
            inProgress = false;
        }
        Instant base = lastStart == null ? clock.instant() : lastStart;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("AllowedSyncCycleInterval", "00:30:00");
        s.put("CurrentlyEffectiveSyncCycleInterval", "00:30:00");
        s.put("CustomizedSyncCycleInterval", null);
        s.put("NextSyncCyclePolicyType", nextPolicyType);
        s.put("NextSyncCycleStartTimeInUTC", base.plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)
                .toString());
        s.put("PurgeRunHistoryInterval", "7.00:00:00");
        s.put("SyncCycleEnabled", true);
        s.put("MaintenanceEnabled", true);
        s.put("StagingModeEnabled", false);
        s.put("SchedulerSuspended", false);
        s.put("SyncCycleInProgress", running);
        return Outcome.ok(List.of(s));
    }

    /** Whether a running cycle has ended by now, without consuming a poll. */
    private boolean finished() {
        if (!inProgress || stuck) {
            return false;
        }
        return endsAt != null ? !clock.instant().isBefore(endsAt) : pollsLeft == 0;
    }
}
