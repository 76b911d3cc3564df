package dev.idle.api;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Status of a plan step ({@link #Planned}, {@link #NotApplicable}) or of a step in a result. Names are spelled as
 * IdLE spells them, because they are written to JSON as they are.
 */
@API(status = STABLE, since = "0.1")
public enum StepStatus {
    Planned, NotApplicable, Completed, Failed, Blocked, PreconditionSkipped, NotRun
}
