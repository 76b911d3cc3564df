package dev.idle.api;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link IdleRuntime} once, with {@link ServiceLoader}, through idle-core's own class loader (the jar that
 * holds this class also holds the implementation and its registration). A failed lookup is not cached: each use
 * reports it again with the same {@link IllegalStateException}.
 *
 * <p>Thread-safe.
 */
final class RuntimeLookup {
    static final String REGISTRATION = "META-INF/services/" + IdleRuntime.class.getName();

    private static volatile IdleRuntime found;

    private RuntimeLookup() {
    }

    /** The runtime; found on first use. */
    static IdleRuntime runtime() {
        IdleRuntime r = found;
        if (r == null) {
            synchronized (RuntimeLookup.class) {
                r = found;
                if (r == null) {
                    r = load(IdleRuntime.class.getClassLoader());
                    found = r;
                }
            }
        }
        return r;
    }

    /** The first runtime registered for {@code loader}. */
    static IdleRuntime load(ClassLoader loader) {
        try {
            Iterator<IdleRuntime> it = ServiceLoader.load(IdleRuntime.class, loader).iterator();
            if (it.hasNext()) {
                return it.next();
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("IdLE's runtime could not be loaded from " + REGISTRATION + ": "
                    + e.getMessage(), e);
        }
        throw new IllegalStateException("IdLE's runtime is missing: no " + REGISTRATION + " was found. The idle-core"
                + " jar is incomplete; a repackaged jar must keep idle-core's META-INF/services files.");
    }
}
