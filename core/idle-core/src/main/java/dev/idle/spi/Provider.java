package dev.idle.spi;

import java.util.List;

/**
 * A backend adapter registered by the host under an alias. What it can do is declared twice: by the capability ids
 * it advertises (checked when the plan is built) and by the method interfaces it implements
 * ({@link SessionRevoker}, {@link IdentityDisabler}, ...), which steps call.
 */
public interface Provider extends AutoCloseable {

    /** Capability ids such as {@code IdLE.Identity.RevokeSessions}. */
    List<String> capabilities();

    /**
     * Whether the named method (IdLE's method name, e.g. {@code RevokeSessions}) takes an auth session. When false the
     * engine still acquires a requested session (so broker errors fail the step) but calls the method without it.
     */
    default boolean acceptsAuthSession(String method) {
        return true;
    }

    /**
     * Why this provider does not offer {@code capability}, for the planner's missing-capability error; null when it
     * has nothing to say. A provider uses this to explain a deliberate gap (e.g. AD cannot revoke Kerberos tickets).
     */
    default String whyNot(String capability) {
        return null;
    }

    /** Called once after a run: flush state, release connections. */
    @Override
    default void close() {
    }
}
