package dev.idle.api;

/**
 * Status of a whole run, and of its OnFailure block ({@link #NotRun}, {@link #Completed}, {@link #PartiallyFailed}).
 *
 * <p>Stability: stable.
 */
public enum RunStatus {
    Completed, Failed, Blocked, NotRun, PartiallyFailed
}
