package dev.idle.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Capability;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityCreator;
import dev.idle.spi.IdentityDeleter;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionRevoker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The provider contract suite (JUnit 5). A provider module adopts it by subclassing it in its tests and implementing
 * {@link #newProvider()}; everything else is a hook with a default that suits an in-memory backend. See
 * {@code docs/testkit.md}.
 *
 * <p>The tests are grouped: {@link Capabilities}, {@link IdentityLifecycle}, {@link Entitlements},
 * {@link SessionRevocation}, {@link ErrorMarking}. A test whose method the provider does not implement, or implements
 * but does not advertise (e.g. delete switched off by configuration), or that needs something a hook declares
 * impossible (seeding a session, injecting a fault), is <b>skipped</b> through a JUnit assumption whose message says
 * why. Skipped never means passed: the report lists it as skipped, with the reason.
 *
 * <p>Every test gets fresh providers from {@link #newProvider()} and fresh identity keys from
 * {@link #newIdentityKey()}; providers are closed after the test.
 */
public abstract class ProviderContractTest {
    private final List<Provider> opened = new ArrayList<>();

    // ------------------------------------------------------------------------------------------------ hooks

    /** A provider for one test, in its default configuration. Called once or more per test; each one is closed. */
    protected abstract Provider newProvider();

    /** A key no identity has yet; each call returns a new one. Override for backends with key rules. */
    protected String newIdentityKey() {
        return "contract-" + hex();
    }

    /** A key that names no identity, for the "unknown identity" tests. */
    protected String unknownIdentityKey() {
        return "contract-missing-" + hex();
    }

    /** The attributes passed to {@code CreateIdentity} for {@code key}; empty by default. */
    protected DataMap createAttributes(String key) {
        return new DataMap();
    }

    /**
     * Makes an enabled identity without entitlements or sessions exist on {@code provider} and returns the key to use
     * for it (usually {@code key}). The default creates it with {@code CreateIdentity(key, createAttributes(key))};
     * providers that cannot create identities override this (pre-provisioned accounts, a simulator's seed API, a
     * builder), or the tests that need an identity are skipped.
     */
    protected String seedIdentity(Provider provider, String key) {
        assumeTrue(provider instanceof IdentityCreator && advertises(provider, CapabilityCatalog.IDENTITY_CREATE),
                () -> name(provider) + " cannot create identities, and the test class does not override"
                        + " seedIdentity(provider, key) to make one available.");
        ((IdentityCreator) provider).createIdentity(key, createAttributes(key), authSession());
        return key;
    }

    /** The session passed to every call; null by default (the provider's own default credentials). */
    protected AuthSession authSession() {
        return null;
    }

    /** The kind of {@link #newEntitlement()}; {@code Contract} by default, {@code Group} for directories. */
    protected String entitlementKind() {
        return "Contract";
    }

    /**
     * An entitlement the identities of this test do not hold. The default invents one of
     * {@link #entitlementKind()}; backends that only grant existing objects (groups) return an existing one.
     */
    protected Entitlement newEntitlement() {
        return Entitlement.of(entitlementKind(), "entitlement-" + hex());
    }

    /** The attribute {@code EnsureAttribute} is tested with; {@code Description} by default. */
    protected String ensurableAttribute() {
        return "Description";
    }

    /**
     * Gives identity {@code key} at least one active session. Returns false (the default) when the backend offers
     * no way to do so; the tests that need a session are then skipped.
     */
    protected boolean seedSession(Provider provider, String key) {
        return false;
    }

    /**
     * True for a backend that cannot tell whether sessions existed and reports {@code changed: true} on every
     * {@code RevokeSessions} (Graph's revokeSignInSessions always answers true). The "changed then unchanged" tests
     * are then skipped and the "always changed" test runs instead.
     */
    protected boolean revokeSessionsAlwaysReportsChanged() {
        return false;
    }

    /**
     * Arranges for the next call of {@code method} (IdLE's name, e.g. {@code GetIdentity}) to fail the way a
     * throttled or unavailable backend fails, and returns the provider to make that call on: {@code provider} itself
     * (a simulator armed with a fault) or a new one on the same backend state. Null (the default) when faults
     * cannot be injected for that method.
     */
    protected Provider withTransientFailureOnNextCall(Provider provider, String method) {
        return null;
    }

    /** Like {@link #withTransientFailureOnNextCall}, for a failure that retrying cannot cure. Null by default. */
    protected Provider withPermanentFailureOnNextCall(Provider provider, String method) {
        return null;
    }

    /**
     * True for a provider that materialises identities on first use (upstream's Mock); the "unknown identity" tests
     * are then skipped.
     */
    protected boolean autoCreatesUnknownIdentities() {
        return false;
    }

    /**
     * Catalog capabilities the provider advertises on purpose without implementing their methods. They are reported,
     * not failed; an entry the provider does implement is reported as stale.
     *
     * @deprecated a host refuses, at load, a provider that advertises a known capability without implementing it,
     *             so such a provider cannot be used; implement the interface or stop advertising the capability
     */
    @Deprecated
    protected Set<String> advertisedWithoutMethods() {
        return Set.of();
    }

    /**
     * Capabilities whose method the provider implements but, in the configuration {@link #newProvider()} returns,
     * withholds (e.g. {@code IdLE.Identity.Delete} until deletion is allowed).
     */
    protected Set<String> implementedButNotAdvertised() {
        return Set.of();
    }

    /**
     * Backings for the provider's own capability ids that no {@code CapabilityPack} on the test class path defines.
     * A capability registered through a pack (the usual way, see {@code docs/extending.md}) is checked without it.
     */
    protected List<CapabilityCatalog.Backing> additionalCapabilities() {
        return List.of();
    }

    /** True to accept a provider that advertises no capability at all. */
    protected boolean allowsEmptyCapabilities() {
        return false;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A fresh provider from {@link #newProvider()}, closed after the test. */
    protected final Provider open() {
        return track(newProvider());
    }

    private Provider track(Provider p) {
        if (p != null && opened.stream().noneMatch(o -> o == p)) {
            opened.add(p);
        }
        return p;
    }

    @AfterEach
    void closeProviders() {
        for (Provider p : opened) {
            p.close();
        }
        opened.clear();
    }

    protected static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String name(Provider p) {
        return p == null ? "null" : p.getClass().getSimpleName();
    }

    /** Whether {@code provider} advertises {@code capability} (ignoring case, as the planner does). */
    protected static boolean advertises(Provider provider, String capability) {
        List<String> caps = provider.capabilities();
        return caps != null && caps.stream().anyMatch(c -> c != null && c.trim().equalsIgnoreCase(capability));
    }

    /**
     * {@code provider} as {@code contract}; skips the test unless it both implements the interface and advertises
     * the capability.
     */
    protected final <T> T require(Provider provider, String capability, Class<T> contract) {
        assumeTrue(contract.isInstance(provider), () -> name(provider) + " does not implement "
                + contract.getSimpleName() + " (" + capability + ").");
        assumeTrue(advertises(provider, capability), () -> name(provider) + " implements " + contract.getSimpleName()
                + " but does not advertise " + capability + " in this configuration.");
        return contract.cast(provider);
    }

    private boolean supports(Provider provider, String capability, Class<?> contract) {
        return contract.isInstance(provider) && advertises(provider, capability);
    }

    /** A method the error-marking tests can call: it fails only through an injected fault. */
    private record Probe(Capability capability, BiFunction<Provider, String, Object> call) {
        Class<?> contract() {
            return capability.operations().get(0).contract();
        }

        String method() {
            return capability.method();
        }
    }

    private List<Probe> probes() {
        AuthSession s = authSession();
        return List.of(
                new Probe(Capability.IDENTITY_READ, (p, k) -> ((IdentityReader) p).getIdentity(k, s)),
                new Probe(Capability.IDENTITY_CREATE, (p, k) -> {
                    String fresh = newIdentityKey();
                    return ((IdentityCreator) p).createIdentity(fresh, createAttributes(fresh), s);
                }),
                new Probe(Capability.IDENTITY_DISABLE, (p, k) -> ((IdentityDisabler) p).disableIdentity(k, s)),
                new Probe(Capability.IDENTITY_ENABLE, (p, k) -> ((IdentityEnabler) p).enableIdentity(k, s)),
                new Probe(Capability.IDENTITY_ATTRIBUTE_ENSURE,
                        (p, k) -> ((AttributeEnsurer) p).ensureAttribute(k, ensurableAttribute(), "v-" + hex(), s)),
                new Probe(Capability.IDENTITY_DELETE, (p, k) -> ((IdentityDeleter) p).deleteIdentity(k, s)),
                new Probe(Capability.IDENTITY_REVOKE_SESSIONS, (p, k) -> ((SessionRevoker) p).revokeSessions(k, s)),
                new Probe(Capability.ENTITLEMENT_LIST, (p, k) -> ((EntitlementLister) p).listEntitlements(k, s)),
                new Probe(Capability.ENTITLEMENT_GRANT,
                        (p, k) -> ((EntitlementGranter) p).grantEntitlement(k, newEntitlement(), s)),
                new Probe(Capability.ENTITLEMENT_REVOKE,
                        (p, k) -> ((EntitlementRevoker) p).revokeEntitlement(k, newEntitlement(), s)));
    }

    private static void assertResult(SoftAssertions soft, ProviderResult result, String method, String key) {
        soft.assertThat(result).as("%s result", method).isNotNull();
        if (result != null) {
            soft.assertThat(result.operation()).as("%s result Operation", method).isEqualTo(method);
            soft.assertThat(result.identityKey()).as("%s result IdentityKey", method).isEqualTo(key);
        }
    }

    // ------------------------------------------------------------------------------------------------ groups

    /** What the provider advertises, and whether its method interfaces back it. */
    @Nested
    @DisplayName("capabilities")
    class Capabilities {
        @Test
        void capabilitiesAreNonEmptyStringsWithoutWhitespace() {
            List<String> capabilities = open().capabilities();

            assertThat(capabilities).as("capabilities()").isNotNull();
            if (!allowsEmptyCapabilities()) {
                assertThat(capabilities).as("capabilities()").isNotEmpty();
            }
            assertThat(capabilities).allSatisfy(c -> assertThat(c).isNotBlank().doesNotContainAnyWhitespaces());
        }

        @Test
        void noCapabilityIsAdvertisedTwice() {
            List<String> capabilities = open().capabilities();
            assumeTrue(capabilities != null, "capabilities() returned null");

            Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            List<String> duplicates = capabilities.stream().filter(c -> c != null && !seen.add(c.trim())).toList();
            assertThat(duplicates).as("capabilities listed more than once (ignoring case)").isEmpty();
        }

        @Test
        void everyAdvertisedCapabilityIsBackedByItsMethods(TestReporter reporter) {
            Provider p = open();
            List<String> capabilities = p.capabilities();
            assumeTrue(capabilities != null, "capabilities() returned null");
            Set<String> superset = lower(advertisedWithoutMethods());
            List<String> missing = new ArrayList<>();

            for (String capability : capabilities) {
                CapabilityCatalog.Backing backing = backingOf(capability);
                if (backing == null) {
                    reporter.publishEntry("not checked", capability + " has no known definition; register it in a"
                            + " CapabilityPack (or list it in additionalCapabilities()) to have it checked");
                } else if (!backing.verifiable()) {
                    reporter.publishEntry("not checked", capability + " has no SPI method yet");
                } else if (superset.contains(backing.capability().toLowerCase())) {
                    if (backing.implementedBy(p)) {
                        reporter.publishEntry("stale declaration", capability
                                + " is declared as advertised without methods but is implemented");
                    } else {
                        reporter.publishEntry("declared superset", capability + " advertised without "
                                + backing.methods());
                    }
                } else if (!backing.implementedBy(p)) {
                    missing.add(capability + " needs " + backing.methods().stream()
                            .filter(m -> !m.contract().isInstance(p)).map(Object::toString).toList());
                }
            }

            assertThat(missing).as("advertised capabilities whose methods %s does not implement", name(p)).isEmpty();
        }

        @Test
        void everyImplementedMethodIsAdvertised(TestReporter reporter) {
            Provider p = open();
            Set<String> withheld = lower(implementedButNotAdvertised());
            List<String> unadvertised = new ArrayList<>();

            for (CapabilityCatalog.Backing backing : allBackings()) {
                if (backing.derived() || !backing.implementedBy(p) || advertises(p, backing.capability())) {
                    continue;
                }
                if (withheld.contains(backing.capability().toLowerCase())) {
                    reporter.publishEntry("withheld", backing.capability() + " implemented but not advertised"
                            + " (declared)");
                } else {
                    unadvertised.add(backing.capability() + " (implements " + backing.methods() + ")");
                }
            }

            assertThat(unadvertised).as("capabilities %s implements but does not advertise", name(p)).isEmpty();
        }

        private CapabilityCatalog.Backing backingOf(String capability) {
            return CapabilityCatalog.backing(capability).orElseGet(() -> additionalCapabilities().stream()
                    .filter(b -> b.capability().equalsIgnoreCase(capability == null ? "" : capability.trim()))
                    .findFirst().orElse(null));
        }

        private List<CapabilityCatalog.Backing> allBackings() {
            List<CapabilityCatalog.Backing> all = new ArrayList<>(CapabilityCatalog.all().values());
            all.addAll(additionalCapabilities());
            return all;
        }

        private Set<String> lower(Set<String> ids) {
            return ids.stream().map(s -> s.trim().toLowerCase()).collect(Collectors.toCollection(HashSet::new));
        }
    }

    /** Create, read, disable, enable, delete: each idempotent, each reporting honestly whether it changed. */
    @Nested
    @DisplayName("identity lifecycle")
    class IdentityLifecycle {
        @Test
        void createTwiceReportsChangedThenUnchanged() {
            IdentityCreator creator = require(open(), CapabilityCatalog.IDENTITY_CREATE, IdentityCreator.class);
            String key = newIdentityKey();

            assertThat(creator.createIdentity(key, createAttributes(key), authSession()).changed())
                    .as("first CreateIdentity changed").isTrue();
            assertThat(creator.createIdentity(key, createAttributes(key), authSession()).changed())
                    .as("second CreateIdentity changed").isFalse();
        }

        @Test
        void createdIdentityIsReadableUnderItsKey() {
            Provider p = open();
            IdentityCreator creator = require(p, CapabilityCatalog.IDENTITY_CREATE, IdentityCreator.class);
            IdentityReader reader = require(p, CapabilityCatalog.IDENTITY_READ, IdentityReader.class);
            String key = newIdentityKey();

            creator.createIdentity(key, createAttributes(key), authSession());
            Identity identity = reader.getIdentity(key, authSession());

            assertThat(identity).as("GetIdentity after CreateIdentity").isNotNull();
            assertThat(identity.identityKey()).isEqualTo(key);
        }

        @Test
        void getIdentityEchoesTheKeyTheEnabledFlagAndAttributes() {
            Provider p = open();
            IdentityReader reader = require(p, CapabilityCatalog.IDENTITY_READ, IdentityReader.class);
            String key = seedIdentity(p, newIdentityKey());

            Identity identity = reader.getIdentity(key, authSession());

            assertThat(identity).as("GetIdentity").isNotNull();
            assertThat(identity.identityKey()).as("IdentityKey").isEqualTo(key);
            assertThat(identity.enabled()).as("Enabled of a seeded identity").isTrue();
            assertThat(identity.attributes()).as("Attributes").isNotNull();
        }

        @Test
        void getIdentityOfAnUnknownKeyFails() {
            assumeFalse(autoCreatesUnknownIdentities(), "the provider materialises unknown identities");
            IdentityReader reader = require(open(), CapabilityCatalog.IDENTITY_READ, IdentityReader.class);
            String unknown = unknownIdentityKey();

            Throwable thrown = catchThrowable(() -> {
                Identity found = reader.getIdentity(unknown, authSession());
                if (found != null) {
                    fail("GetIdentity returned " + found + " for an unknown key");
                }
            });
            // Either a thrown error or a null answer says "not there"; the error must not invite retries.
            if (thrown instanceof AssertionError e) {
                throw e;
            }
            assertThat(thrown == null || !ProviderException.isTransient(thrown))
                    .as("a not-found error is not transient").isTrue();
        }

        @Test
        void ensureAttributeTwiceReportsChangedThenUnchanged() {
            Provider p = open();
            AttributeEnsurer ensurer = require(p, CapabilityCatalog.IDENTITY_ATTRIBUTE_ENSURE, AttributeEnsurer.class);
            String key = seedIdentity(p, newIdentityKey());
            String value = "contract-" + hex();

            assertThat(ensurer.ensureAttribute(key, ensurableAttribute(), value, authSession()).changed())
                    .as("first EnsureAttribute changed").isTrue();
            assertThat(ensurer.ensureAttribute(key, ensurableAttribute(), value, authSession()).changed())
                    .as("second EnsureAttribute changed").isFalse();
        }

        @Test
        void disableTwiceReportsChangedThenUnchanged() {
            Provider p = open();
            IdentityDisabler disabler = require(p, CapabilityCatalog.IDENTITY_DISABLE, IdentityDisabler.class);
            String key = seedIdentity(p, newIdentityKey());

            assertThat(disabler.disableIdentity(key, authSession()).changed()).as("first DisableIdentity changed")
                    .isTrue();
            assertThat(disabler.disableIdentity(key, authSession()).changed()).as("second DisableIdentity changed")
                    .isFalse();
            if (supports(p, CapabilityCatalog.IDENTITY_READ, IdentityReader.class)) {
                assertThat(((IdentityReader) p).getIdentity(key, authSession()).enabled())
                        .as("Enabled after DisableIdentity").isFalse();
            }
        }

        @Test
        void enableTwiceReportsChangedThenUnchanged() {
            Provider p = open();
            IdentityDisabler disabler = require(p, CapabilityCatalog.IDENTITY_DISABLE, IdentityDisabler.class);
            IdentityEnabler enabler = require(p, CapabilityCatalog.IDENTITY_ENABLE, IdentityEnabler.class);
            String key = seedIdentity(p, newIdentityKey());
            disabler.disableIdentity(key, authSession());

            assertThat(enabler.enableIdentity(key, authSession()).changed()).as("first EnableIdentity changed")
                    .isTrue();
            assertThat(enabler.enableIdentity(key, authSession()).changed()).as("second EnableIdentity changed")
                    .isFalse();
            if (supports(p, CapabilityCatalog.IDENTITY_READ, IdentityReader.class)) {
                assertThat(((IdentityReader) p).getIdentity(key, authSession()).enabled())
                        .as("Enabled after EnableIdentity").isTrue();
            }
        }

        @Test
        void deleteTwiceReportsChangedThenUnchanged() {
            Provider p = open();
            IdentityDeleter deleter = require(p, CapabilityCatalog.IDENTITY_DELETE, IdentityDeleter.class);
            String key = seedIdentity(p, newIdentityKey());

            assertThat(deleter.deleteIdentity(key, authSession()).changed()).as("first DeleteIdentity changed")
                    .isTrue();
            assertThat(deleter.deleteIdentity(key, authSession()).changed()).as("second DeleteIdentity changed")
                    .isFalse();
        }

        @Test
        void deletedIdentityIsNoLongerReadable() {
            assumeFalse(autoCreatesUnknownIdentities(), "the provider materialises unknown identities");
            Provider p = open();
            IdentityDeleter deleter = require(p, CapabilityCatalog.IDENTITY_DELETE, IdentityDeleter.class);
            IdentityReader reader = require(p, CapabilityCatalog.IDENTITY_READ, IdentityReader.class);
            String key = seedIdentity(p, newIdentityKey());
            deleter.deleteIdentity(key, authSession());

            Identity[] found = new Identity[1];
            Throwable thrown = catchThrowable(() -> found[0] = reader.getIdentity(key, authSession()));

            assertThat(thrown == null ? found[0] : null).as("GetIdentity after DeleteIdentity").isNull();
        }

        @Test
        void resultsNameTheOperationAndEchoTheKey() {
            Provider p = open();
            String key = seedIdentity(p, newIdentityKey());
            AuthSession s = authSession();
            SoftAssertions soft = new SoftAssertions();
            int checked = 0;

            if (supports(p, CapabilityCatalog.IDENTITY_ATTRIBUTE_ENSURE, AttributeEnsurer.class)) {
                assertResult(soft, ((AttributeEnsurer) p).ensureAttribute(key, ensurableAttribute(), "v", s),
                        ProviderMethods.ENSURE_ATTRIBUTE, key);
                checked++;
            }
            if (supports(p, CapabilityCatalog.IDENTITY_DISABLE, IdentityDisabler.class)) {
                assertResult(soft, ((IdentityDisabler) p).disableIdentity(key, s), ProviderMethods.DISABLE_IDENTITY,
                        key);
                checked++;
            }
            if (supports(p, CapabilityCatalog.IDENTITY_ENABLE, IdentityEnabler.class)) {
                assertResult(soft, ((IdentityEnabler) p).enableIdentity(key, s), ProviderMethods.ENABLE_IDENTITY, key);
                checked++;
            }
            if (supports(p, CapabilityCatalog.ENTITLEMENT_GRANT, EntitlementGranter.class)) {
                Entitlement e = newEntitlement();
                assertResult(soft, ((EntitlementGranter) p).grantEntitlement(key, e, s),
                        ProviderMethods.GRANT_ENTITLEMENT, key);
                checked++;
                if (supports(p, CapabilityCatalog.ENTITLEMENT_REVOKE, EntitlementRevoker.class)) {
                    assertResult(soft, ((EntitlementRevoker) p).revokeEntitlement(key, e, s),
                            ProviderMethods.REVOKE_ENTITLEMENT, key);
                }
            }
            if (supports(p, CapabilityCatalog.IDENTITY_REVOKE_SESSIONS, SessionRevoker.class)) {
                assertResult(soft, ((SessionRevoker) p).revokeSessions(key, s), ProviderMethods.REVOKE_SESSIONS, key);
                checked++;
            }
            if (supports(p, CapabilityCatalog.IDENTITY_DELETE, IdentityDeleter.class)) {
                assertResult(soft, ((IdentityDeleter) p).deleteIdentity(key, s), ProviderMethods.DELETE_IDENTITY, key);
                checked++;
            }
            if (supports(p, CapabilityCatalog.IDENTITY_CREATE, IdentityCreator.class)) {
                String fresh = newIdentityKey();
                assertResult(soft, ((IdentityCreator) p).createIdentity(fresh, createAttributes(fresh), s),
                        ProviderMethods.CREATE_IDENTITY, fresh);
                checked++;
            }

            assumeTrue(checked > 0, () -> name(p) + " implements no method that returns a ProviderResult.");
            soft.assertAll();
        }
    }

    /** Grant, revoke and list: idempotent, and the list tells the truth. */
    @Nested
    @DisplayName("entitlements")
    class Entitlements {
        @Test
        void grantTwiceReportsChangedThenUnchanged() {
            Provider p = open();
            EntitlementGranter granter = require(p, CapabilityCatalog.ENTITLEMENT_GRANT, EntitlementGranter.class);
            String key = seedIdentity(p, newIdentityKey());
            Entitlement entitlement = newEntitlement();

            assertThat(granter.grantEntitlement(key, entitlement, authSession()).changed())
                    .as("first GrantEntitlement changed").isTrue();
            assertThat(granter.grantEntitlement(key, entitlement, authSession()).changed())
                    .as("second GrantEntitlement changed").isFalse();
        }

        @Test
        void grantResultCarriesTheEntitlement() {
            Provider p = open();
            EntitlementGranter granter = require(p, CapabilityCatalog.ENTITLEMENT_GRANT, EntitlementGranter.class);
            String key = seedIdentity(p, newIdentityKey());
            Entitlement entitlement = newEntitlement();

            ProviderResult result = granter.grantEntitlement(key, entitlement, authSession());

            Map<String, Object> reported = result.extras().getMap("Entitlement");
            assertThat(reported).as("result Entitlement{Kind, Id}").isNotNull().containsKeys("Kind", "Id");
            assertThat(String.valueOf(reported.get("Kind"))).isEqualToIgnoringCase(entitlement.kind());
        }

        @Test
        void revokeTwiceReportsChangedThenUnchanged() {
            Provider p = open();
            EntitlementGranter granter = require(p, CapabilityCatalog.ENTITLEMENT_GRANT, EntitlementGranter.class);
            EntitlementRevoker revoker = require(p, CapabilityCatalog.ENTITLEMENT_REVOKE, EntitlementRevoker.class);
            String key = seedIdentity(p, newIdentityKey());
            Entitlement entitlement = newEntitlement();
            granter.grantEntitlement(key, entitlement, authSession());

            assertThat(revoker.revokeEntitlement(key, entitlement, authSession()).changed())
                    .as("first RevokeEntitlement changed").isTrue();
            assertThat(revoker.revokeEntitlement(key, entitlement, authSession()).changed())
                    .as("second RevokeEntitlement changed").isFalse();
        }

        @Test
        void listShowsAGrantedEntitlementAndNotARevokedOne() {
            Provider p = open();
            EntitlementLister lister = require(p, CapabilityCatalog.ENTITLEMENT_LIST, EntitlementLister.class);
            EntitlementGranter granter = require(p, CapabilityCatalog.ENTITLEMENT_GRANT, EntitlementGranter.class);
            EntitlementRevoker revoker = require(p, CapabilityCatalog.ENTITLEMENT_REVOKE, EntitlementRevoker.class);
            String key = seedIdentity(p, newIdentityKey());
            Entitlement entitlement = newEntitlement();

            granter.grantEntitlement(key, entitlement, authSession());
            assertThat(lister.listEntitlements(key, authSession())).as("ListEntitlements after a grant")
                    .isNotNull().anyMatch(entitlement::sameAs);

            revoker.revokeEntitlement(key, entitlement, authSession());
            assertThat(lister.listEntitlements(key, authSession())).as("ListEntitlements after the revoke")
                    .isNotNull().noneMatch(entitlement::sameAs);
        }

        @Test
        void listIsNeverNullEvenBeforeAnyGrant() {
            Provider p = open();
            EntitlementLister lister = require(p, CapabilityCatalog.ENTITLEMENT_LIST, EntitlementLister.class);
            String key = seedIdentity(p, newIdentityKey());

            assertThat(lister.listEntitlements(key, authSession())).as("ListEntitlements of a new identity")
                    .isNotNull();
        }
    }

    /** RevokeSessions: changed only when something was revoked (or always, when declared), never silent on typos. */
    @Nested
    @DisplayName("session revocation")
    class SessionRevocation {
        @Test
        void revokeSessionsTwiceReportsChangedThenUnchanged() {
            assumeFalse(revokeSessionsAlwaysReportsChanged(), "the provider declares it always reports changed");
            Provider p = open();
            SessionRevoker revoker = require(p, CapabilityCatalog.IDENTITY_REVOKE_SESSIONS, SessionRevoker.class);
            String key = seedIdentity(p, newIdentityKey());
            assumeTrue(seedSession(p, key), "the test class cannot seed sessions (seedSession returns false)");

            assertThat(revoker.revokeSessions(key, authSession()).changed()).as("first RevokeSessions changed")
                    .isTrue();
            assertThat(revoker.revokeSessions(key, authSession()).changed()).as("second RevokeSessions changed")
                    .isFalse();
        }

        @Test
        void revokeSessionsWithoutSessionsReportsUnchanged() {
            assumeFalse(revokeSessionsAlwaysReportsChanged(), "the provider declares it always reports changed");
            Provider p = open();
            SessionRevoker revoker = require(p, CapabilityCatalog.IDENTITY_REVOKE_SESSIONS, SessionRevoker.class);
            String key = seedIdentity(p, newIdentityKey());

            assertThat(revoker.revokeSessions(key, authSession()).changed()).as("RevokeSessions changed").isFalse();
        }

        @Test
        void revokeSessionsReportsChangedEveryTimeWhenDeclaredSo() {
            assumeTrue(revokeSessionsAlwaysReportsChanged(), "the provider tells whether sessions existed");
            Provider p = open();
            SessionRevoker revoker = require(p, CapabilityCatalog.IDENTITY_REVOKE_SESSIONS, SessionRevoker.class);
            String key = seedIdentity(p, newIdentityKey());

            assertThat(revoker.revokeSessions(key, authSession()).changed()).as("first RevokeSessions changed")
                    .isTrue();
            assertThat(revoker.revokeSessions(key, authSession()).changed()).as("second RevokeSessions changed")
                    .isTrue();
        }

        @Test
        void revokeSessionsForAnUnknownIdentityFails() {
            assumeFalse(autoCreatesUnknownIdentities(), "the provider materialises unknown identities");
            SessionRevoker revoker = require(open(), CapabilityCatalog.IDENTITY_REVOKE_SESSIONS, SessionRevoker.class);
            String unknown = unknownIdentityKey();

            Object[] answer = new Object[1];
            Throwable thrown = catchThrowable(() -> answer[0] = revoker.revokeSessions(unknown, authSession()));

            assertThat(thrown).as("RevokeSessions of an unknown identity must fail, but answered %s", answer[0])
                    .isNotNull();
            assertThat(ProviderException.isTransient(thrown)).as("a not-found error is not transient").isFalse();
        }
    }

    /** Transient failures are marked so the engine retries them; nothing else is. */
    @Nested
    @DisplayName("error marking")
    class ErrorMarking {
        @Test
        void transientFailureIsMarkedTransient(TestReporter reporter) {
            runFaultProbes(true, reporter);
        }

        @Test
        void permanentFailureIsNotMarkedTransient(TestReporter reporter) {
            runFaultProbes(false, reporter);
        }

        private void runFaultProbes(boolean transientFault, TestReporter reporter) {
            Provider first = open();
            List<Probe> applicable = probes().stream()
                    .filter(pr -> supports(first, pr.capability().id(), pr.contract())).toList();
            assumeTrue(!applicable.isEmpty(), () -> name(first) + " implements none of the probed methods.");
            SoftAssertions soft = new SoftAssertions();
            List<String> tested = new ArrayList<>();
            List<String> notInjectable = new ArrayList<>();

            for (Probe probe : applicable) {
                Provider p = open();
                String key = seedIdentity(p, newIdentityKey());
                Provider armed = track(transientFault ? withTransientFailureOnNextCall(p, probe.method())
                        : withPermanentFailureOnNextCall(p, probe.method()));
                if (armed == null) {
                    notInjectable.add(probe.method());
                    continue;
                }
                tested.add(probe.method());
                Throwable thrown = catchThrowable(() -> probe.call().apply(armed, key));
                soft.assertThat(thrown).as("%s after an injected failure", probe.method()).isNotNull();
                if (thrown != null) {
                    soft.assertThat(ProviderException.isTransient(thrown))
                            .as("%s: %s marked transient", probe.method(), thrown)
                            .isEqualTo(transientFault);
                }
            }

            if (!notInjectable.isEmpty()) {
                reporter.publishEntry("no fault injection", String.join(", ", notInjectable));
            }
            assumeTrue(!tested.isEmpty(), () -> "the test class cannot inject a " + (transientFault ? "transient"
                    : "permanent") + " failure (with" + (transientFault ? "Transient" : "Permanent")
                    + "FailureOnNextCall returns null)");
            soft.assertAll();
        }
    }
}
