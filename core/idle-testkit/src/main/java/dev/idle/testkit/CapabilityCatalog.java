package dev.idle.testkit;

import dev.idle.spi.Capability;
import dev.idle.spi.CapabilityRegistry;
import dev.idle.spi.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract suite's view of the capability definitions: which SPI interface (and IdLE method) stands behind each
 * capability id. It is derived from the engine's {@link CapabilityRegistry#installed() installed registry} (the
 * {@code @CapabilityContract} interfaces of the SPI plus every {@code CapabilityPack} on the test class path), so
 * it cannot drift from what the engine enforces. Provider authors can read it as the to-do list of a capability.
 */
public final class CapabilityCatalog {

    /** One SPI method: the interface a provider implements and IdLE's name of the method. */
    public record Method(Class<?> contract, String name) {
        static Method of(Operation operation) {
            return new Method(operation.contract(), operation.method());
        }

        @Override
        public String toString() {
            return contract.getSimpleName() + "." + name;
        }
    }

    /**
     * What a capability needs.
     *
     * @param methods the methods a provider advertising the capability must implement (all of them); empty when the
     *                SPI has no method for it, so it cannot be verified
     * @param derived true when the capability is a permission built on other methods (such as {@code Prune} on list
     *                and revoke): implementing those methods does not oblige a provider to advertise it
     */
    public record Backing(String capability, List<Method> methods, boolean derived) {
        public Backing {
            methods = List.copyOf(methods);
        }

        /** The backing of a capability definition. */
        public static Backing of(Capability definition) {
            return new Backing(definition.id(), definition.operations().stream().map(Method::of).toList(),
                    definition.derived());
        }

        /** False when the SPI defines no method for the capability. */
        public boolean verifiable() {
            return !methods.isEmpty();
        }

        /** True when {@code provider} implements every method. */
        public boolean implementedBy(Object provider) {
            return verifiable() && methods.stream().allMatch(m -> m.contract().isInstance(provider));
        }
    }

    public static final String IDENTITY_READ = Capability.IDENTITY_READ.id();
    public static final String IDENTITY_LIST = Capability.IDENTITY_LIST.id();
    public static final String IDENTITY_CREATE = Capability.IDENTITY_CREATE.id();
    public static final String IDENTITY_DELETE = Capability.IDENTITY_DELETE.id();
    public static final String IDENTITY_DISABLE = Capability.IDENTITY_DISABLE.id();
    public static final String IDENTITY_ENABLE = Capability.IDENTITY_ENABLE.id();
    public static final String IDENTITY_MOVE = Capability.IDENTITY_MOVE.id();
    public static final String IDENTITY_ATTRIBUTE_ENSURE = Capability.IDENTITY_ATTRIBUTE_ENSURE.id();
    public static final String IDENTITY_REVOKE_SESSIONS = Capability.IDENTITY_REVOKE_SESSIONS.id();
    public static final String ENTITLEMENT_LIST = Capability.ENTITLEMENT_LIST.id();
    public static final String ENTITLEMENT_GRANT = Capability.ENTITLEMENT_GRANT.id();
    public static final String ENTITLEMENT_REVOKE = Capability.ENTITLEMENT_REVOKE.id();
    public static final String ENTITLEMENT_PRUNE = Capability.ENTITLEMENT_PRUNE.id();
    public static final String MAILBOX_INFO_READ = Capability.MAILBOX_INFO_READ.id();
    public static final String MAILBOX_TYPE_ENSURE = Capability.MAILBOX_TYPE_ENSURE.id();
    public static final String MAILBOX_OUT_OF_OFFICE_ENSURE = Capability.MAILBOX_OUT_OF_OFFICE_ENSURE.id();
    public static final String MAILBOX_PERMISSIONS_ENSURE = Capability.MAILBOX_PERMISSIONS_ENSURE.id();
    public static final String DIRECTORY_SYNC_TRIGGER = Capability.DIRECTORY_SYNC_TRIGGER.id();
    public static final String DIRECTORY_SYNC_STATUS = Capability.DIRECTORY_SYNC_STATUS.id();

    private CapabilityCatalog() {
    }

    /** Every known capability with its backing: the built-in ones in catalog order, then the packs' ones. */
    public static Map<String, Backing> all() {
        Map<String, Backing> all = new LinkedHashMap<>();
        CapabilityRegistry.installed().all().forEach(c -> all.put(c.id(), Backing.of(c)));
        return java.util.Collections.unmodifiableMap(all);
    }

    /**
     * The backing of a known capability, or empty for an unknown id. Ids match ignoring case, as the planner matches
     * them, and a deprecated alias (such as {@code IdLE.Mailbox.Read}) stands for the capability it names.
     */
    public static Optional<Backing> backing(String capability) {
        return CapabilityRegistry.installed().find(capability).map(Backing::of);
    }

    /** The capability a method interface stands for, when exactly one non-derived capability uses it. */
    public static Optional<String> capabilityOf(Class<?> contract) {
        return CapabilityRegistry.installed().all().stream()
                .filter(c -> !c.derived() && c.operations().size() == 1 && c.operations().get(0).contract() == contract)
                .map(Capability::id)
                .findFirst();
    }
}
