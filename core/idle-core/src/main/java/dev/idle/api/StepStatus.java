package dev.idle.api;

/**
 * Status of a plan step ({@link #Planned}, {@link #NotApplicable}) or of a step in a result. Names are spelled as
 * IdLE spells them, because they are written to JSON as they are.
 *
 * <p>Stability: stable.
 */
public enum StepStatus {
    Planned, NotApplicable, Completed, Failed, Blocked, PreconditionSkipped, NotRun
}
