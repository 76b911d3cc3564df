package dev.idle.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Every capability definition the engine knows: the built-in ones ({@link Capability#builtIns()}) and those of the
 * {@link CapabilityPack}s on the class path. Looks definitions up by id or alias, ignoring case, and holds providers
 * to them: {@link #requireImplemented} is the host-load check that a provider implements what it advertises.
 *
 * <p>Building a registry fails with {@link IllegalStateException} when two definitions claim one id or alias,
 * naming both sources. Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CapabilityRegistry {
    private static final String BUILT_IN = "IdLE (built-in)";
    private static volatile CapabilityRegistry installed;

    /** Definition by folded id and by folded alias. */
    private final Map<String, Capability> byName = new LinkedHashMap<>();
    /** Where each definition came from, for conflict messages; by folded id. */
    private final Map<String, String> source = new LinkedHashMap<>();
    private final List<Capability> all = new ArrayList<>();

    private CapabilityRegistry() {
    }

    /** Only the built-in definitions. */
    public static CapabilityRegistry builtIn() {
        return of(List.of());
    }

    /**
     * The built-in definitions plus those of {@code packs}.
     *
     * @throws IllegalStateException when an id or alias is defined twice (differently), naming both sources
     */
    public static CapabilityRegistry of(List<? extends CapabilityPack> packs) {
        CapabilityRegistry registry = new CapabilityRegistry();
        Capability.builtIns().forEach(c -> registry.add(c, BUILT_IN));
        for (CapabilityPack pack : packs) {
            pack.capabilities().forEach(c -> registry.add(c, pack.getClass().getName()));
        }
        return registry;
    }

    /** The built-in definitions plus those of every {@link CapabilityPack} {@link ServiceLoader} finds. */
    public static CapabilityRegistry discover(ClassLoader loader) {
        List<CapabilityPack> packs = new ArrayList<>();
        ServiceLoader.load(CapabilityPack.class, loader).forEach(packs::add);
        return of(packs);
    }

    /**
     * The registry of the class path this SPI was loaded from ({@link #discover} with its class loader), found once
     * and then reused. A failed discovery is not cached: the next call reports it again.
     */
    public static CapabilityRegistry installed() {
        CapabilityRegistry r = installed;
        if (r == null) {
            r = discover(CapabilityRegistry.class.getClassLoader());
            installed = r;
        }
        return r;
    }

    private void add(Capability capability, String from) {
        String key = fold(capability.id());
        Capability existing = byName.get(key);
        if (existing != null && existing.equals(capability)) {
            return;
        }
        List<String> names = new ArrayList<>(List.of(capability.id()));
        names.addAll(capability.aliases());
        for (String name : names) {
            Capability clash = byName.get(fold(name));
            if (clash != null) {
                throw new IllegalStateException("Capability '" + name + "' is defined twice: by "
                        + source.get(fold(clash.id())) + " (" + clash.operations() + ") and by " + from + " ("
                        + capability.operations() + ").");
            }
        }
        names.forEach(n -> byName.put(fold(n), capability));
        source.put(key, from);
        all.add(capability);
    }

    /** Every definition: built-in ones in catalog order, then each pack's in discovery order. */
    public List<Capability> all() {
        return List.copyOf(all);
    }

    /** The definition {@code idOrAlias} names (trimmed, ignoring case), if any. */
    public Optional<Capability> find(String idOrAlias) {
        return idOrAlias == null ? Optional.empty() : Optional.ofNullable(byName.get(fold(idOrAlias.trim())));
    }

    /** The id as its definition spells it for an id or alias the registry knows, else {@code id} trimmed. */
    public String canonicalId(String id) {
        return find(id).map(Capability::id).orElse(id == null ? null : id.trim());
    }

    /**
     * The advertised capabilities of {@code provider} with a known definition whose operations it does not
     * implement, in advertised order. Unknown ids are not checked; implemented-but-withheld is not a problem.
     */
    public List<Capability> advertisedButNotImplemented(Provider provider) {
        List<String> advertised = provider.capabilities();
        if (advertised == null) {
            return List.of();
        }
        return advertised.stream().map(this::find).flatMap(Optional::stream)
                .filter(c -> !c.isImplementedBy(provider)).distinct().toList();
    }

    /**
     * Refuses a provider that advertises a known capability without implementing all its operations.
     *
     * @param alias the provider's alias in the host, for the message
     * @param type  the provider's type as the host file names it, for the message
     * @throws IllegalArgumentException naming the provider (alias, type and class) and each such capability with
     *                                  the interfaces it lacks
     */
    public void requireImplemented(String alias, String type, Provider provider) {
        List<Capability> missing = advertisedButNotImplemented(provider);
        if (missing.isEmpty()) {
            return;
        }
        String what = missing.stream().map(c -> "'" + c.id() + "' (needs " + c.missingFrom(provider).stream()
                .map(Operation::toString).collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(", "));
        throw new IllegalArgumentException("Provider '" + alias + "' (type '" + type + "', "
                + provider.getClass().getName() + ") advertises "
                + (missing.size() == 1 ? "capability " : "capabilities ") + what + " but does not implement "
                + (missing.size() == 1 ? "it" : "them")
                + ". Implement the interface or stop advertising the capability.");
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
