package dev.idle.api;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Status of a whole run, and of its OnFailure block ({@link #NotRun}, {@link #Completed}, {@link #PartiallyFailed}).
 */
@API(status = STABLE, since = "0.1")
public enum RunStatus {
    Completed, Failed, Blocked, NotRun, PartiallyFailed
}
