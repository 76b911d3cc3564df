package dev.idle.testkit;

import dev.idle.spi.ProviderFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link ProviderFactory.Environment} a test hands to {@link ProviderFactory#create}: relative paths in options
 * resolve against {@code baseDirectory}, and the shared resources live as long as this instance (one host).
 */
public record TestEnvironment(Path baseDirectory, Map<String, Object> shared) implements ProviderFactory.Environment {

    /** An environment resolving against {@code baseDirectory}, with nothing shared yet. */
    public TestEnvironment(Path baseDirectory) {
        this(baseDirectory, new HashMap<>());
    }

    /** The same as {@link #TestEnvironment(Path)}. */
    public static TestEnvironment at(Path baseDirectory) {
        return new TestEnvironment(baseDirectory);
    }
}
