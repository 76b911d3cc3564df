package dev.idle.spi;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Builds the list a provider returns from {@link Provider#capabilities()}: start from what it implements, then add
 * derived capabilities and withhold what configuration switches off. Example (a directory that deletes only when
 * allowed):
 * <pre>
 * AdvertisedCapabilities caps = AdvertisedCapabilities.implementedBy(this).plus(Capability.ENTITLEMENT_PRUNE);
 * return (allowDelete ? caps : caps.without(Capability.IDENTITY_DELETE)).ids();
 * </pre>
 * Order is part of what provider docs list, so it is fixed: implemented capabilities in
 * the order the class declares their interfaces ({@link Capability#implementedBy}), and each added capability right
 * after the last capability sharing one of its operations (Prune after List and Revoke), or last.
 *
 * <p>Immutable: every method returns a new instance.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AdvertisedCapabilities {
    private final List<Capability> capabilities;

    private AdvertisedCapabilities(List<Capability> capabilities) {
        this.capabilities = List.copyOf(capabilities);
    }

    /** The non-derived capabilities whose interfaces {@code provider} implements. */
    public static AdvertisedCapabilities implementedBy(Object provider) {
        return new AdvertisedCapabilities(Capability.implementedBy(provider));
    }

    /** Also advertises {@code capability} (usually a derived one); no change when it is already listed. */
    public AdvertisedCapabilities plus(Capability capability) {
        if (indexOf(capability) >= 0) {
            return this;
        }
        int at = capabilities.size();
        for (int i = capabilities.size() - 1; i >= 0; i--) {
            if (sharesAnOperation(capabilities.get(i), capability)) {
                at = i + 1;
                break;
            }
        }
        List<Capability> out = new ArrayList<>(capabilities);
        out.add(at, capability);
        return new AdvertisedCapabilities(out);
    }

    /** Withholds {@code capability}: implemented but, in this configuration, not offered. */
    public AdvertisedCapabilities without(Capability capability) {
        List<Capability> out = new ArrayList<>(capabilities);
        out.removeIf(c -> c.id().equalsIgnoreCase(capability.id()));
        return new AdvertisedCapabilities(out);
    }

    /**
     * Withholds {@code capability} unless {@code allowed}: for a guard option such as {@code allowDelete}, which keeps
     * an implemented capability off until the host file turns it on.
     */
    public AdvertisedCapabilities withheldUnless(boolean allowed, Capability capability) {
        return allowed ? this : without(capability);
    }

    /** The ids, as {@link Provider#capabilities()} returns them. */
    public List<String> ids() {
        return capabilities.stream().map(Capability::id).toList();
    }

    private int indexOf(Capability capability) {
        for (int i = 0; i < capabilities.size(); i++) {
            if (capabilities.get(i).id().equalsIgnoreCase(capability.id())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sharesAnOperation(Capability a, Capability b) {
        return a.operations().stream().anyMatch(o -> b.operations().stream()
                .anyMatch(p -> p.contract() == o.contract()));
    }
}
