package dev.idle.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A capability as the engine knows it: its id, the operations a provider must implement to offer it, whether those
 * only read ({@link #access()}), and older spellings of its id. The built-in ones are the constants below, each read
 * from the {@link CapabilityContract} of its SPI interface, so the interface is the one place a capability is
 * defined; extensions add theirs through a {@link CapabilityPack}.
 *
 * <p>A <em>derived</em> capability (such as {@link #ENTITLEMENT_PRUNE}, built on list and revoke) is a permission
 * over operations that other capabilities define: implementing them does not make a provider advertise it, but a
 * provider that advertises it must implement them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         the id as spelled everywhere ids are shown; compared ignoring case
 * @param operations what a provider advertising the capability must implement, all of them; never empty
 * @param derived    true for a permission built on other capabilities' operations
 * @param aliases    older spellings of the id that name the same capability
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Capability(String id, List<Operation> operations, boolean derived, List<String> aliases) {
    private static final Pattern ID = Pattern.compile("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$");
    private static final ClassValue<List<Capability>> IMPLEMENTED = new ClassValue<>() {
        @Override
        protected List<Capability> computeValue(Class<?> type) {
            return implementedByClass(type);
        }
    };

    public static final Capability IDENTITY_READ = of(IdentityReader.class);
    public static final Capability IDENTITY_LIST = of(IdentityLister.class);
    public static final Capability IDENTITY_CREATE = of(IdentityCreator.class);
    public static final Capability IDENTITY_DELETE = of(IdentityDeleter.class);
    public static final Capability IDENTITY_DISABLE = of(IdentityDisabler.class);
    public static final Capability IDENTITY_ENABLE = of(IdentityEnabler.class);
    public static final Capability IDENTITY_MOVE = of(IdentityMover.class);
    public static final Capability IDENTITY_ATTRIBUTE_ENSURE = of(AttributeEnsurer.class);
    public static final Capability IDENTITY_REVOKE_SESSIONS = of(SessionRevoker.class);
    public static final Capability ENTITLEMENT_LIST = of(EntitlementLister.class);
    public static final Capability ENTITLEMENT_GRANT = of(EntitlementGranter.class);
    public static final Capability ENTITLEMENT_REVOKE = of(EntitlementRevoker.class);
    /** Removing every entitlement not kept: the prune steps list, then revoke. */
    public static final Capability ENTITLEMENT_PRUNE = derived("IdLE.Entitlement.Prune", EntitlementLister.class,
            EntitlementRevoker.class);
    public static final Capability MAILBOX_INFO_READ = of(MailboxReader.class);
    public static final Capability MAILBOX_TYPE_ENSURE = of(MailboxTypeEnsurer.class);
    public static final Capability MAILBOX_OUT_OF_OFFICE_ENSURE = of(OutOfOfficeEnsurer.class);
    public static final Capability MAILBOX_PERMISSIONS_ENSURE = of(MailboxPermissionsEnsurer.class);
    public static final Capability DIRECTORY_SYNC_TRIGGER = of(DirectorySyncTrigger.class);
    public static final Capability DIRECTORY_SYNC_STATUS = of(DirectorySyncStatus.class);

    private static final List<Capability> BUILT_IN = List.of(IDENTITY_READ, IDENTITY_LIST, IDENTITY_CREATE,
            IDENTITY_DELETE, IDENTITY_DISABLE, IDENTITY_ENABLE, IDENTITY_MOVE, IDENTITY_ATTRIBUTE_ENSURE,
            IDENTITY_REVOKE_SESSIONS, ENTITLEMENT_LIST, ENTITLEMENT_GRANT, ENTITLEMENT_REVOKE, ENTITLEMENT_PRUNE,
            MAILBOX_INFO_READ, MAILBOX_TYPE_ENSURE, MAILBOX_OUT_OF_OFFICE_ENSURE, MAILBOX_PERMISSIONS_ENSURE,
            DIRECTORY_SYNC_TRIGGER, DIRECTORY_SYNC_STATUS);

    /** @throws IllegalArgumentException for an id that is not dotted words, no operations or a blank alias */
    public Capability {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a capability id (expected dotted words such as"
                    + " IdLE.Identity.Read).");
        }
        operations = List.copyOf(operations);
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("Capability '" + id + "' names no operation.");
        }
        aliases = List.copyOf(aliases);
        for (String alias : aliases) {
            if (!isValidId(alias)) {
                throw new IllegalArgumentException("Capability '" + id + "': alias '" + alias
                        + "' is not a capability id.");
            }
        }
    }

    /**
     * The capability {@code contract}'s {@link CapabilityContract} defines.
     *
     * @throws IllegalArgumentException when the interface carries no {@code @CapabilityContract}
     */
    public static Capability of(Class<?> contract) {
        CapabilityContract definition = contract.getAnnotation(CapabilityContract.class);
        if (definition == null) {
            throw new IllegalArgumentException(contract.getName() + " defines no capability: it carries no"
                    + " @CapabilityContract.");
        }
        return new Capability(definition.id(), List.of(Operation.of(contract)), false,
                Arrays.asList(definition.aliases()));
    }

    /** A derived capability: a permission over the operations of {@code contracts} (each an annotated interface). */
    public static Capability derived(String id, Class<?>... contracts) {
        return new Capability(id, Arrays.stream(contracts).map(Operation::of).toList(), true, List.of());
    }

    /** The built-in capabilities, in catalog order. */
    public static List<Capability> builtIns() {
        return BUILT_IN;
    }

    /** True for dotted words such as {@code IdLE.Identity.Read}. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * The capabilities whose {@link CapabilityContract} interfaces {@code provider} implements (never derived
     * ones), in the order its class declares them: each interface before its super-interfaces, a class's
     * interfaces before its superclass's. This is what a provider advertises by default.
     */
    public static List<Capability> implementedBy(Object provider) {
        return IMPLEMENTED.get(provider.getClass());
    }

    private static List<Capability> implementedByClass(Class<?> type) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            collect(c.getInterfaces(), interfaces);
        }
        List<Capability> found = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Class<?> i : interfaces) {
            if (i.isAnnotationPresent(CapabilityContract.class)) {
                Capability c = of(i);
                if (ids.add(c.id().toLowerCase(Locale.ROOT))) {
                    found.add(c);
                }
            }
        }
        return List.copyOf(found);
    }

    private static void collect(Class<?>[] interfaces, Set<Class<?>> into) {
        for (Class<?> i : interfaces) {
            if (into.add(i)) {
                collect(i.getInterfaces(), into);
            }
        }
    }

    /** {@link Access#READ} when every operation only reads, else {@link Access#WRITE}. */
    public Access access() {
        return operations.stream().allMatch(o -> o.access() == Access.READ) ? Access.READ : Access.WRITE;
    }

    /** True when {@code idOrAlias} (trimmed, ignoring case) is the id or one of the aliases. */
    public boolean isNamedBy(String idOrAlias) {
        if (idOrAlias == null) {
            return false;
        }
        String name = idOrAlias.trim();
        return id.equalsIgnoreCase(name) || aliases.stream().anyMatch(name::equalsIgnoreCase);
    }

    /** True when {@code provider} implements every operation. */
    public boolean isImplementedBy(Object provider) {
        return operations.stream().allMatch(o -> o.isImplementedBy(provider));
    }

    /** The operations {@code provider} does not implement; empty when it offers the capability. */
    public List<Operation> missingFrom(Object provider) {
        return operations.stream().filter(o -> !o.isImplementedBy(provider)).toList();
    }

    /**
     * IdLE's method name of a capability with a single operation ({@code RevokeSessions}).
     *
     * @throws IllegalStateException for a capability of several operations
     */
    public String method() {
        if (operations.size() != 1) {
            throw new IllegalStateException("Capability '" + id + "' has " + operations.size() + " operations.");
        }
        return operations.get(0).method();
    }

    /** The id. */
    @Override
    public String toString() {
        return id;
    }
}
