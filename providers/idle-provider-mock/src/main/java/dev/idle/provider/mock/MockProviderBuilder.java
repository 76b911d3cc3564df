package dev.idle.provider.mock;

import dev.idle.api.data.DataMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds an in-memory {@link MockProvider} for tests:
 * <pre>
 * MockProvider.builder()
 *     .identity("jdoe", i -&gt; i.attribute("Department", "IT").session("s1", "Outlook"))
 *     .failOn("RevokeSessions", 2)
 *     .build();
 * </pre>
 * The factory uses the same setters, so host-file options and tests are validated alike.
 */
public final class MockProviderBuilder {
    private final MockStore store = new MockStore();
    private List<String> capabilities = MockCapabilities.ALL;
    private final Map<String, Integer> failOn = new LinkedHashMap<>();
    private final Set<String> failPermanentlyOn = new LinkedHashSet<>();
    private String identityKeyAttribute;
    private boolean autoCreate;
    private final List<String> protectedEntitlementIds = new ArrayList<>();
    private int syncPollsUntilIdle;

    MockProviderBuilder() {
    }

    /** Adds an enabled identity with no attributes, then lets {@code setup} fill it in. */
    public MockProviderBuilder identity(String key, Consumer<MockIdentity> setup) {
        MockIdentity identity = new MockIdentity();
        setup.accept(identity);
        store.put(key, identity);
        return this;
    }

    public MockProviderBuilder identity(String key) {
        return identity(key, i -> { });
    }

    /** Sets the top-level directory-sync state ({@code status}, {@code lastRunUtc}). */
    public MockProviderBuilder directorySync(DataMap state) {
        store.directorySync(state);
        return this;
    }

    /** Advertises only these capabilities instead of the whole catalog. */
    public MockProviderBuilder capabilities(Collection<String> ids) {
        List<String> validated = new ArrayList<>();
        ids.forEach(id -> validated.add(MockCapabilities.validate(id)));
        this.capabilities = validated;
        return this;
    }

    public MockProviderBuilder capabilities(String... ids) {
        return capabilities(List.of(ids));
    }

    /** The first {@code count} calls of {@code method} (IdLE name, any case) fail transiently. */
    public MockProviderBuilder failOn(String method, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Mock provider option 'failOn': the count for '" + method
                    + "' must not be negative, got " + count + ".");
        }
        failOn.put(MockMethods.canonical(method, "failOn"), count);
        return this;
    }

    /** Every call of these methods fails with a non-transient error. */
    public MockProviderBuilder failPermanentlyOn(String... methods) {
        for (String m : methods) {
            failPermanentlyOn.add(MockMethods.canonical(m, "failPermanentlyOn"));
        }
        return this;
    }

    /** An attribute that identifies an identity besides its key (e.g. {@code UserPrincipalName}). */
    public MockProviderBuilder identityKeyAttribute(String attribute) {
        if (attribute != null && attribute.isBlank()) {
            throw new IllegalArgumentException("Mock provider option 'identityKeyAttribute' must not be empty.");
        }
        this.identityKeyAttribute = attribute;
        return this;
    }

    /** Upstream behaviour: methods other than Grant/Revoke create an unknown identity instead of failing. */
    public MockProviderBuilder autoCreate(boolean value) {
        this.autoCreate = value;
        return this;
    }

    /** Entitlement ids that RevokeEntitlement refuses to remove. */
    public MockProviderBuilder protectedEntitlementIds(String... ids) {
        protectedEntitlementIds.addAll(List.of(ids));
        return this;
    }

    /**
     * How many {@code GetSyncCycleState} calls report a started directory sync cycle as still in progress before it
     * is reported finished (default 0: the first poll finds it finished).
     */
    public MockProviderBuilder syncPollsUntilIdle(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("Mock provider option 'syncPollsUntilIdle' must not be negative, got "
                    + polls + ".");
        }
        this.syncPollsUntilIdle = polls;
        return this;
    }

    MockStore store() {
        return store;
    }

    MockOptions options() {
        return new MockOptions(capabilities, failOn, failPermanentlyOn, identityKeyAttribute, autoCreate,
                protectedEntitlementIds, syncPollsUntilIdle);
    }

    /** A provider on a fresh in-memory store holding the identities added so far. */
    public MockProvider build() {
        return new MockProvider(options(), MockBackend.inMemory(store));
    }

    /** A provider on an existing backend (a shared state file); the identities added here are ignored. */
    MockProvider build(MockBackend backend) {
        return new MockProvider(options(), backend);
    }
}
