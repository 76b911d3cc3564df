package dev.idle.spi;

/**
 * A step handler: the code behind one step type. Found through a {@link StepPack}.
 */
public interface Step {
    /** The step type it handles, e.g. {@code IdLE.Step.RevokeIdentitySessions}. */
    String type();

    /**
     * Runs the step once. Throw to fail it; throw a transient {@link ProviderException} to have the engine retry it.
     */
    StepResult execute(StepContext context);
}
