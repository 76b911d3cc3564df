package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the public API finds its implementation, and what a user sees when the jar lost its registration. */
class RuntimeLookupTest {
    @Test
    void theRuntimeIsIdleCoresInternalImplementationFoundOnce() {
        IdleRuntime first = RuntimeLookup.runtime();

        assertThat(first.getClass().getName()).startsWith("dev.idle.internal.");
        assertThat(RuntimeLookup.runtime()).isSameAs(first);
    }

    @Test
    void aClassPathWithoutTheRegistrationFailsNamingTheServicesFile() {
        ClassLoader empty = new ClassLoader(null) {
        };

        assertThatThrownBy(() -> RuntimeLookup.load(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("IdLE's runtime is missing: no META-INF/services/dev.idle.api.IdleRuntime was found. The"
                        + " idle-core jar is incomplete; a repackaged jar must keep idle-core's META-INF/services"
                        + " files.");
    }

    @Test
    void aRegistrationNamingAMissingClassFailsWithTheLoadersReason(@TempDir Path dir) throws Exception {
        Path registration = dir.resolve(RuntimeLookup.REGISTRATION);
        Files.createDirectories(registration.getParent());
        Files.writeString(registration, "com.example.NoSuchRuntime\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> RuntimeLookup.load(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("IdLE's runtime could not be loaded from "
                            + "META-INF/services/dev.idle.api.IdleRuntime: ")
                    .hasMessageContaining("com.example.NoSuchRuntime")
                    .hasCauseInstanceOf(ServiceConfigurationError.class);
        }
    }
}
