package dev.idle.provider.mock;

import dev.idle.spi.ProviderFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One host's environment: a base directory and the map its providers share. */
record TestEnvironment(Path baseDirectory, Map<String, Object> shared) implements ProviderFactory.Environment {
    TestEnvironment(Path baseDirectory) {
        this(baseDirectory, new HashMap<>());
    }
}
