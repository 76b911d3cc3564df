package dev.idle.provider.mock;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.AuthSession;
import dev.idle.spi.DirectorySyncStatus;
import dev.idle.spi.DirectorySyncTrigger;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityCreator;
import dev.idle.spi.IdentityDeleter;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.IdentityLister;
import dev.idle.spi.IdentityMover;
import dev.idle.spi.IdentityNotFoundException;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Mailbox;
import dev.idle.spi.MailboxPermissionsEnsurer;
import dev.idle.spi.MailboxReader;
import dev.idle.spi.MailboxTypeEnsurer;
import dev.idle.spi.OutOfOfficeEnsurer;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.RequestBoundary;
import dev.idle.spi.SessionCounter;
import dev.idle.spi.SessionRevoker;
import dev.idle.spi.SyncCycleStart;
import dev.idle.spi.SyncCycleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A deterministic, in-process identity backend for tests, demos and dry runs ({@code type: mock} in a host file).
 *
 * <p>Identities are found by key, case-insensitively, or — with {@code identityKeyAttribute} — by an attribute whose
 * value equals the key (case-insensitive). Semantics follow upstream IdLE's Mock provider where the methods overlap:
 * string attribute values compare case-insensitively, entitlements are equal when Kind and Id match ignoring case,
 * ids listed in {@code protectedEntitlementIds} cannot be revoked.
 *
 * <p><b>Unknown identities.</b> By default every method except {@code CreateIdentity} fails on an unknown identity
 * with a non-transient {@link ProviderException} "Identity '&lt;key&gt;' was not found in the mock provider."
 * ({@code cli-contract.md}); {@code DeleteIdentity} is the exception that reports {@code changed: false}, because a
 * missing identity is already deleted. With option {@code autoCreate: true} the upstream behaviour applies instead:
 * {@code GetIdentity}, {@code EnsureAttribute}, {@code DisableIdentity} (and the other single-identity changes)
 * create the identity enabled with no attributes, {@code ListEntitlements} returns an empty list, and
 * {@code GrantEntitlement}/{@code RevokeEntitlement} fail with "Identity '&lt;key&gt;' does not exist in the mock
 * provider store.".
 *
 * <p><b>Faults.</b> {@code failOn: {Method: n}} makes the first {@code n} calls of a method (counted for the life of
 * the backend, across aliases sharing a state file) throw a transient {@link ProviderException};
 * {@code failPermanentlyOn: [Method]} makes every call throw a non-transient one.
 *
 * <p>Every method accepts an auth session and otherwise ignores it; the last {@value ReceivedSessionLog#KEPT}
 * non-null sessions are kept, without their secrets, for tests ({@link #receivedSessions()}). The mock holds nothing
 * else per call, so a long batch run does not grow it. Mailboxes behave like Exchange Online's (see
 * {@link MockMailboxes}).
 *
 * <p><b>Thread-safety.</b> One instance serves many batch workers at once. Every method runs its whole
 * read-modify-write under the lock of the {@link MockStore} (shared by aliases on one state file), so concurrent
 * changes of one identity are never lost and each sees the one before it; the lock is held only in memory, never
 * during file I/O. {@code failOn} counters are atomic.
 *
 * <p><b>State file.</b> Written on {@link #close()} and, in a batch, on {@link #afterRequest()}: atomically
 * ({@link dev.idle.api.AtomicFiles}), one write at a time, a write covering every change made before it (see
 * {@link MockBackend#persist}). Without a state file the mock lives in memory only.
 *
 * <p><b>Directory sync.</b> {@code StartSyncCycle} and {@code GetSyncCycleState} simulate a sync server on the
 * store's {@code directorySync} state; see {@link MockDirectorySync} and the option {@code syncPollsUntilIdle}.
 */
public final class MockProvider implements Provider, IdentityReader, IdentityLister, IdentityCreator, IdentityDeleter,
        IdentityDisabler, IdentityEnabler, IdentityMover, AttributeEnsurer, SessionRevoker, SessionCounter,
        EntitlementLister, EntitlementGranter, EntitlementRevoker, MailboxReader, MailboxTypeEnsurer,
        OutOfOfficeEnsurer, MailboxPermissionsEnsurer, DirectorySyncTrigger, DirectorySyncStatus, RequestBoundary {

    static final String PASSWORD_SET = "[password set]";

    /** Methods that change nothing (except by {@code autoCreate}, which the store counts itself). */
    private static final Set<String> READS = Set.of(ProviderMethods.GET_IDENTITY, ProviderMethods.LIST_IDENTITIES,
            ProviderMethods.LIST_ENTITLEMENTS, ProviderMethods.GET_MAILBOX, ProviderMethods.COUNT_SESSIONS);

    private final MockOptions options;
    private final MockBackend backend;
    private final MockStore store;
    private final ReceivedSessionLog receivedSessions = new ReceivedSessionLog();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final MockMailboxes mailboxes;

    MockProvider(MockOptions options, MockBackend backend) {
        this.options = options;
        this.backend = backend;
        this.store = backend.store();
        this.mailboxes = new MockMailboxes(store, this::resolveKey);
    }

    /** An empty in-memory mock advertising every capability, without faults or auto-creation. */
    public static MockProvider inMemory() {
        return builder().build();
    }

    public static MockProviderBuilder builder() {
        return new MockProviderBuilder();
    }

    /** The live store (shared with any alias on the same state file); synchronise through {@link MockStore#atomically}. */
    public MockStore store() {
        return store;
    }

    /**
     * The non-null auth sessions methods were called with, in call order: the last
     * {@value ReceivedSessionLog#KEPT} only, and without their secrets.
     */
    public List<ReceivedSession> receivedSessions() {
        return receivedSessions.list();
    }

    @Override
    public List<String> capabilities() {
        return options.capabilities();
    }

    @Override
    public boolean acceptsAuthSession(String method) {
        return true;
    }

    /**
     * Returns once the state file (if any) holds every change made before the call; a batch runner calls it after
     * each finished request (see {@link RequestBoundary}). Concurrent calls share one write when it covers them; a
     * call after a request that only read writes nothing; an in-memory mock returns at once.
     *
     * @throws java.io.UncheckedIOException when the state file could not be written
     */
    @Override
    public void afterRequest() {
        backend.persist();
    }

    /** Writes the state file, if any (once per content, however many aliases close). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            backend.persist();
        }
    }

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        return call(ProviderMethods.GET_IDENTITY, identityKey, session, () -> {
            MockIdentity identity = existingOrAutoCreated(identityKey);
            return new Identity(identityKey, identity.enabled(), Values.deepCopyMap(identity.attributes()));
        });
    }

    /**
     * The stored keys of all identities in key order, or of those whose key starts with {@code Filter.Search}
     * (ignoring case). Never creates an identity.
     */
    @Override
    public List<String> listIdentities(DataMap filter, AuthSession session) {
        String search = filter == null || filter.get("Search") == null ? "" : Values.ps(filter.get("Search")).trim();
        String prefix = search.toLowerCase(Locale.ROOT);
        return unkeyedCall(ProviderMethods.LIST_IDENTITIES, null, "identity list", session,
                () -> store.keys().stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(prefix)).toList());
    }

    @Override
    public ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        return call(ProviderMethods.CREATE_IDENTITY, identityKey, session, () -> {
            // An existing identity is left as it is: CreateIdentity does not converge attributes.
            if (resolveKey(identityKey) != null) {
                return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
            }
            MockIdentity identity = new MockIdentity();
            identity.attributes().putAll(withoutPasswords(Values.deepCopyMap(attributes)));
            store.put(identityKey, identity);
            return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, true);
        });
    }

    /**
     * Like a real directory, the mock keeps no password it was given (e.g. {@code PasswordProfile.password}): the
     * value is replaced by {@value #PASSWORD_SET}, so a state file never holds one.
     */
    private static DataMap withoutPasswords(DataMap attributes) {
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).endsWith("password") && e.getValue() != null) {
                e.setValue(PASSWORD_SET);
            } else if (e.getValue() instanceof DataMap nested) {
                withoutPasswords(nested);
            }
        }
        return attributes;
    }

    @Override
    public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        return call(ProviderMethods.DELETE_IDENTITY, identityKey, session, () -> {
            String key = resolveKey(identityKey);
            boolean changed = key != null && store.remove(key);
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, changed);
        });
    }

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return setEnabled(ProviderMethods.DISABLE_IDENTITY, identityKey, false, session);
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return setEnabled(ProviderMethods.ENABLE_IDENTITY, identityKey, true, session);
    }

    private ProviderResult setEnabled(String method, String identityKey, boolean enabled, AuthSession session) {
        return call(method, identityKey, session, () -> {
            MockIdentity identity = existingOrAutoCreated(identityKey);
            boolean changed = identity.enabled() != enabled;
            identity.enabled(enabled);
            return ProviderResult.of(method, identityKey, changed);
        });
    }

    @Override
    public ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session) {
        return call(ProviderMethods.MOVE_IDENTITY, identityKey, session, () -> {
            if (targetContainer == null || targetContainer.isBlank()) {
                throw new ProviderException("TargetContainer must not be empty.");
            }
            MockIdentity identity = existingOrAutoCreated(identityKey);
            // Containers are distinguished names, which directories compare ignoring case.
            boolean changed = identity.container() == null || !identity.container().equalsIgnoreCase(targetContainer);
            identity.container(targetContainer);
            return new ProviderResult(ProviderMethods.MOVE_IDENTITY, identityKey, changed,
                    DataMap.of("TargetContainer", targetContainer));
        });
    }

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        return call(ProviderMethods.ENSURE_ATTRIBUTE, identityKey, session, () -> {
            if (name == null || name.isBlank()) {
                throw new ProviderException("Attribute name must not be empty.");
            }
            MockIdentity identity = existingOrAutoCreated(identityKey);
            DataMap attributes = identity.attributes();
            boolean changed = !attributes.containsKey(name) || !sameValue(attributes.get(name), value);
            attributes.put(name, Values.deepCopy(value));
            return new ProviderResult(ProviderMethods.ENSURE_ATTRIBUTE, identityKey, changed,
                    DataMap.of("Name", name, "Value", value));
        });
    }

    /** Upstream compares loosely: strings (and other scalars) by their text, ignoring case; "it" equals "IT". */
    private static boolean sameValue(Object existing, Object desired) {
        if (existing == null || desired == null) {
            return existing == desired;
        }
        if (Values.isScalar(existing) && Values.isScalar(desired)) {
            return Values.eqi(existing, desired);
        }
        return existing.equals(desired);
    }

    @Override
    public ProviderResult revokeSessions(String identityKey, AuthSession session) {
        return call(ProviderMethods.REVOKE_SESSIONS, identityKey, session, () -> {
            MockIdentity identity = existingOrAutoCreated(identityKey);
            boolean changed = !identity.sessions().isEmpty();
            identity.sessions().clear();
            return ProviderResult.of(ProviderMethods.REVOKE_SESSIONS, identityKey, changed);
        });
    }

    /** The identity's sessions, which {@code RevokeSessions} clears (a change exactly when this is positive). */
    @Override
    public int countSessions(String identityKey, AuthSession session) {
        return call(ProviderMethods.COUNT_SESSIONS, identityKey, session,
                () -> existingOrAutoCreated(identityKey).sessions().size());
    }

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        return call(ProviderMethods.LIST_ENTITLEMENTS, identityKey, session, () -> {
            String key = resolveKey(identityKey);
            if (key == null) {
                if (options.autoCreate()) {
                    return new ArrayList<Entitlement>();
                }
                throw notFound(identityKey);
            }
            List<Entitlement> copy = new ArrayList<>();
            store.get(key).entitlements().forEach(e -> copy.add(Entitlement.of(e.kind(), e.id())));
            return copy;
        });
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return call(ProviderMethods.GRANT_ENTITLEMENT, identityKey, session, () -> {
            MockIdentity identity = existingForEntitlementChange(identityKey);
            Entitlement wanted = normalise(entitlement);
            boolean changed = identity.entitlements().stream().noneMatch(wanted::sameAs);
            if (changed) {
                identity.entitlements().add(wanted);
            }
            return entitlementResult(ProviderMethods.GRANT_ENTITLEMENT, identityKey, changed, wanted);
        });
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return call(ProviderMethods.REVOKE_ENTITLEMENT, identityKey, session, () -> {
            MockIdentity identity = existingForEntitlementChange(identityKey);
            Entitlement unwanted = normalise(entitlement);
            // Upstream refuses a protected id even when it is not assigned, so the check comes first.
            if (options.isProtected(unwanted.id())) {
                throw new ProviderException("Entitlement '" + unwanted.id() + "' is protected and cannot be removed.");
            }
            boolean changed = identity.entitlements().removeIf(unwanted::sameAs);
            return entitlementResult(ProviderMethods.REVOKE_ENTITLEMENT, identityKey, changed, unwanted);
        });
    }

    private static ProviderResult entitlementResult(String method, String key, boolean changed, Entitlement e) {
        return new ProviderResult(method, key, changed, DataMap.of("Entitlement", e.toData()));
    }

    private static Entitlement normalise(Entitlement e) {
        if (e == null) {
            throw new ProviderException("Entitlement must not be null.");
        }
        if (e.kind() == null || e.kind().isBlank()) {
            throw new ProviderException("Entitlement.Kind must not be empty.");
        }
        if (e.id() == null || e.id().isBlank()) {
            throw new ProviderException("Entitlement.Id must not be empty.");
        }
        return Entitlement.of(e.kind().trim(), e.id().trim());
    }

    @Override
    public Mailbox getMailbox(String identityKey, AuthSession session) {
        return call(ProviderMethods.GET_MAILBOX, identityKey, session, () -> mailboxes.getMailbox(identityKey));
    }

    @Override
    public ProviderResult ensureMailboxType(String identityKey, String desiredType, AuthSession session) {
        return call(ProviderMethods.ENSURE_MAILBOX_TYPE, identityKey, session,
                () -> mailboxes.ensureMailboxType(identityKey, desiredType));
    }

    @Override
    public ProviderResult ensureOutOfOffice(String identityKey, DataMap config, AuthSession session) {
        return call(ProviderMethods.ENSURE_OUT_OF_OFFICE, identityKey, session,
                () -> mailboxes.ensureOutOfOffice(identityKey, config));
    }

    @Override
    public ProviderResult ensureMailboxPermissions(String identityKey, List<DataMap> permissions,
                                                   AuthSession session) {
        return ensureMailboxPermissions(identityKey, permissions, session, null);
    }

    @Override
    public ProviderResult ensureMailboxPermissions(String identityKey, List<DataMap> permissions,
                                                   AuthSession session, EventWriter events) {
        return call(ProviderMethods.ENSURE_MAILBOX_PERMISSIONS, identityKey, session,
                () -> mailboxes.ensureMailboxPermissions(identityKey, permissions, events));
    }

    @Override
    public SyncCycleStart startSyncCycle(String policyType, String computerName, AuthSession session) {
        return syncCall(ProviderMethods.START_SYNC_CYCLE, computerName, session,
                () -> backend.directorySync().start(policyType, computerName, options.syncPollsUntilIdle()));
    }

    @Override
    public SyncCycleState getSyncCycleState(String computerName, AuthSession session) {
        return syncCall(ProviderMethods.GET_SYNC_CYCLE_STATE, computerName, session,
                () -> backend.directorySync().state());
    }

    /** {@link #call} for the directory-sync methods, which name a sync server instead of an identity. */
    private <T> T syncCall(String method, String computerName, AuthSession session, Supplier<T> action) {
        return unkeyedCall(method, computerName, "sync server '" + computerName + "'", session, action);
    }

    /** {@link #call} for methods without an identity key; {@code subject} is what sessions are recorded under. */
    private <T> T unkeyedCall(String method, String subject, String description, AuthSession session,
                              Supplier<T> action) {
        receivedSessions.record(method, subject, session);
        injectFaults(method, description);
        return underStoreLock(method, action);
    }

    /** Records the session, applies configured faults, then runs {@code action} under the store's lock. */
    private <T> T call(String method, String identityKey, AuthSession session, Supplier<T> action) {
        receivedSessions.record(method, identityKey, session);
        if (identityKey == null || identityKey.isBlank()) {
            throw new ProviderException("IdentityKey must not be empty.");
        }
        injectFaults(method, "identity '" + identityKey + "'");
        return underStoreLock(method, action);
    }

    private <T> T underStoreLock(String method, Supplier<T> action) {
        return READS.contains(method) ? store.reading(action) : store.atomically(action);
    }

    private void injectFaults(String method, String subject) {
        if (options.failPermanentlyOn().contains(method)) {
            throw new ProviderException("Simulated permanent failure of " + method + " for " + subject
                    + " (mock option failPermanentlyOn).");
        }
        Integer failures = options.failOn().get(method);
        if (failures != null) {
            int call = backend.countCall(method);
            if (call <= failures) {
                throw ProviderException.transientFailure("Simulated transient failure of " + method + " for "
                        + subject + " (mock option failOn: failure " + call + " of " + failures + ").");
            }
        }
    }

    /** The stored key of the identity {@code identityKey} names (by key, then by the key attribute), or null. */
    private String resolveKey(String identityKey) {
        String key = store.storedKey(identityKey);
        if (key == null && options.identityKeyAttribute() != null) {
            key = store.findKeyByAttribute(options.identityKeyAttribute(), identityKey);
        }
        return key;
    }

    private MockIdentity existingOrAutoCreated(String identityKey) {
        String key = resolveKey(identityKey);
        if (key != null) {
            return store.get(key);
        }
        if (options.autoCreate()) {
            return store.put(identityKey, new MockIdentity());
        }
        throw notFound(identityKey);
    }

    /** Upstream never auto-creates for Grant/Revoke, and words that failure differently. */
    private MockIdentity existingForEntitlementChange(String identityKey) {
        String key = resolveKey(identityKey);
        if (key != null) {
            return store.get(key);
        }
        if (options.autoCreate()) {
            throw new ProviderException("Identity '" + identityKey + "' does not exist in the mock provider store.");
        }
        throw notFound(identityKey);
    }

    private static ProviderException notFound(String identityKey) {
        return new IdentityNotFoundException("Identity '" + identityKey + "' was not found in the mock provider.");
    }
}
