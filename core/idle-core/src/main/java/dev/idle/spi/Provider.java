package dev.idle.spi;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A backend adapter registered by the host under an alias. What it can do is the set of capability interfaces it
 * implements ({@link SessionRevoker}, {@link IdentityDisabler}, ..., each carrying its {@link CapabilityContract}),
 * which steps call; what it offers is the capability ids it advertises, which the planner checks. By default it
 * advertises exactly what it implements. A provider may withhold an implemented capability (configuration switches
 * it off) or add a derived one (Prune), but the host refuses, at load, a provider that advertises a capability it
 * does not implement ({@link CapabilityRegistry#requireImplemented}).
 */
@API(status = STABLE, since = "0.1")
public interface Provider extends AutoCloseable {

    /**
     * Capability ids such as {@code IdLE.Identity.RevokeSessions}. The default is exactly the non-derived
     * capabilities whose interfaces this provider implements, in declaration order; override it with
     * {@link AdvertisedCapabilities} to withhold some or add derived ones.
     */
    default List<String> capabilities() {
        return AdvertisedCapabilities.implementedBy(this).ids();
    }

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
