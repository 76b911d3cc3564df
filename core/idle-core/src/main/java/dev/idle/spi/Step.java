package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A step handler: the code behind one step type. Found through a {@link StepPack}.
 */
@API(status = STABLE, since = "0.1")
public interface Step {
    /** The step type it handles, e.g. {@code IdLE.Step.RevokeIdentitySessions}. */
    String type();

    /**
     * Runs the step once. Throw to fail it; throw a transient {@link ProviderException} to have the engine retry it.
     */
    StepResult execute(StepContext context);
}
