package dev.idle.spi;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * An extension's capability definitions, discovered with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.idle.spi.CapabilityPack}). Registering a definition lets the engine hold providers
 * to it: at host load a provider that advertises the capability without implementing its operations is refused,
 * and the testkit's contract suite checks it like a built-in one. Example:
 * <pre>
 * public final class WikiCapabilities implements CapabilityPack {
 *     public List&lt;Capability&gt; capabilities() { return List.of(Capability.of(SpaceArchiver.class)); }
 * }
 * </pre>
 * An id may be defined once: {@link CapabilityRegistry} refuses a second, different definition of an id (or alias)
 * that a built-in or another pack already defines.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CapabilityPack {
    /** The definitions, usually {@link Capability#of(Class)} of the extension's annotated interfaces. */
    List<Capability> capabilities();
}
