package dev.idle.api.event;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * The type names of the events IdLE itself writes, spelled as IdLE spells them (they are written to JSON as they
 * are). Compare {@link IdleEvent#type()} against these rather than against literals.
 *
 * <p>Types a workflow chooses (a step's {@code PreconditionEvent.Type}) and types a provider writes through
 * {@link dev.idle.spi.EventWriter} are free strings and are not listed here. Which {@code data} keys each type
 * carries is described in {@code docs/workflows.md} (section "Events").
 */
@API(status = STABLE, since = "0.1")
public final class EventTypes {
    /** The first event of every run. */
    public static final String RUN_STARTED = "RunStarted";
    /** The last event of every run, whatever its status. */
    public static final String RUN_COMPLETED = "RunCompleted";

    /** A primary step is about to run its handler. */
    public static final String STEP_STARTED = "StepStarted";
    /** A primary step's handler returned. */
    public static final String STEP_COMPLETED = "StepCompleted";
    /**
     * A step failed: its handler threw (after retries), or its precondition failed under {@code Fail} or could not be
     * evaluated (for OnFailure steps too).
     */
    public static final String STEP_FAILED = "StepFailed";
    /** A primary step's condition did not hold at plan time; it does not run. */
    public static final String STEP_NOT_APPLICABLE = "StepNotApplicable";
    /** A step's precondition did not hold (for OnFailure steps too). */
    public static final String STEP_PRECONDITION_FAILED = "StepPreconditionFailed";
    /** A step was blocked by its precondition (for OnFailure steps too). */
    public static final String STEP_BLOCKED = "StepBlocked";
    /** A transient failure; the step's handler runs again after the announced delay. */
    public static final String STEP_RETRYING = "StepRetrying";

    /** The run failed and its OnFailure steps begin (best effort). */
    public static final String ON_FAILURE_STARTED = "OnFailureStarted";
    /** Every OnFailure step has been tried. */
    public static final String ON_FAILURE_COMPLETED = "OnFailureCompleted";
    /** An OnFailure step is about to run its handler. */
    public static final String ON_FAILURE_STEP_STARTED = "OnFailureStepStarted";
    /** An OnFailure step's handler returned. */
    public static final String ON_FAILURE_STEP_COMPLETED = "OnFailureStepCompleted";
    /** An OnFailure step's handler threw (after retries). */
    public static final String ON_FAILURE_STEP_FAILED = "OnFailureStepFailed";
    /** An OnFailure step's condition did not hold at plan time; it does not run. */
    public static final String ON_FAILURE_STEP_NOT_APPLICABLE = "OnFailureStepNotApplicable";

    /** Written by the {@code IdLE.Step.EmitEvent} step with its {@code Message}. */
    public static final String CUSTOM = "Custom";

    /** An informational note of a built-in step (entitlement pruning writes its plan and each change). */
    public static final String INFORMATION = "Information";
    /** A problem a built-in step tolerated (entitlement pruning: an entitlement it could not revoke or grant). */
    public static final String WARNING = "Warning";

    /** {@code IdLE.Step.TriggerDirectorySync} started a sync cycle. */
    public static final String DIRECTORY_SYNC_TRIGGERED = "DirectorySyncTriggered";
    /** {@code IdLE.Step.TriggerDirectorySync} waits for the cycle to finish. */
    public static final String DIRECTORY_SYNC_WAITING = "DirectorySyncWaiting";
    /** {@code IdLE.Step.TriggerDirectorySync} polled the cycle's state once. */
    public static final String DIRECTORY_SYNC_POLL = "DirectorySyncPoll";
    /** The sync cycle finished (or was triggered without waiting). */
    public static final String DIRECTORY_SYNC_COMPLETED = "DirectorySyncCompleted";
    /** Triggering or waiting for the sync cycle failed or timed out. */
    public static final String DIRECTORY_SYNC_FAILED = "DirectorySyncFailed";

    private EventTypes() {
    }
}
