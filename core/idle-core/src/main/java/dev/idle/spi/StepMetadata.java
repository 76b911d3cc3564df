package dev.idle.spi;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What the planner knows about a step type before running it: the capabilities it needs, the {@code With} keys it
 * requires and allows, and the provider alias it uses when {@code With.Provider} is absent (null for steps that call
 * no provider).
 */
@API(status = STABLE, since = "0.1")
public record StepMetadata(String type, List<String> requiredCapabilities, List<String> requiredKeys,
                           List<String> optionalKeys, String defaultProviderAlias) {
    public StepMetadata {
        requiredCapabilities = List.copyOf(requiredCapabilities);
        requiredKeys = List.copyOf(requiredKeys);
        optionalKeys = List.copyOf(optionalKeys);
    }

    /** The optional trio every provider-using step accepts. */
    public static final List<String> PROVIDER_KEYS = List.of("Provider", "AuthSessionName", "AuthSessionOptions");
}
