package dev.idle.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionRevoker;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider contract every provider test class inherits (upstream's {@code tests/ProviderContracts}). Tests for a
 * method interface the provider does not implement are skipped, not failed.
 *
 * <p>Subclasses supply {@link #newProviderWithIdentity}: a provider holding one enabled identity under the given
 * key, with no entitlements and no sessions. Providers whose entitlements are not of kind {@code Contract} override
 * {@link #newEntitlement}; providers that need an auth session override {@link #authSession}.
 */
public abstract class ProviderContractTest {
    private Provider provider;

    /** A provider that holds an enabled identity {@code key} without entitlements or sessions. */
    protected abstract Provider newProviderWithIdentity(String key);

    /** An entitlement the identity does not hold yet; each call returns a new one. */
    protected Entitlement newEntitlement() {
        return Entitlement.of("Contract", "entitlement-" + hex());
    }

    /** The session passed to every call; null by default. */
    protected AuthSession authSession() {
        return null;
    }

    @AfterEach
    void closeProvider() throws Exception {
        if (provider != null) {
            provider.close();
        }
    }

    private String freshKey() {
        return "contract-" + hex();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private Provider providerWith(String key) {
        provider = newProviderWithIdentity(key);
        return provider;
    }

    private <T> T as(Class<T> type, Provider p) {
        assumeTrue(type.isInstance(p), () -> p.getClass().getSimpleName() + " does not implement " + type.getSimpleName());
        return type.cast(p);
    }

    @Test
    void capabilitiesAreNonEmptyStringsWithoutWhitespace() {
        List<String> capabilities = providerWith(freshKey()).capabilities();

        assertThat(capabilities).isNotNull().isNotEmpty();
        assertThat(capabilities).allSatisfy(c -> assertThat(c).isNotBlank().doesNotContainAnyWhitespaces());
    }

    @Test
    void getIdentityReturnsTheKeyTheEnabledFlagAndAttributes() {
        String key = freshKey();
        IdentityReader reader = as(IdentityReader.class, providerWith(key));

        Identity identity = reader.getIdentity(key, authSession());

        assertThat(identity).isNotNull();
        assertThat(identity.identityKey()).isEqualTo(key);
        assertThat(identity.enabled()).isTrue();
        assertThat(identity.attributes()).isNotNull();
    }

    @Test
    void ensureAttributeReportsChangedAndTheKey() {
        String key = freshKey();
        AttributeEnsurer ensurer = as(AttributeEnsurer.class, providerWith(key));

        ProviderResult result = ensurer.ensureAttribute(key, "Description", "contractValue", authSession());

        assertThat(result.identityKey()).isEqualTo(key);
        assertThat(result.operation()).isEqualTo("EnsureAttribute");
    }

    @Test
    void disableIdentityTwiceReportsChangedThenUnchanged() {
        String key = freshKey();
        IdentityDisabler disabler = as(IdentityDisabler.class, providerWith(key));

        assertThat(disabler.disableIdentity(key, authSession()).changed()).isTrue();
        assertThat(disabler.disableIdentity(key, authSession()).changed()).isFalse();
    }

    @Test
    void grantEntitlementReturnsTheKeyAndTheEntitlement() {
        String key = freshKey();
        EntitlementGranter granter = as(EntitlementGranter.class, providerWith(key));
        Entitlement entitlement = newEntitlement();

        ProviderResult result = granter.grantEntitlement(key, entitlement, authSession());

        assertThat(result.identityKey()).isEqualTo(key);
        assertThat(result.extras().getMap("Entitlement"))
                .as("result Entitlement{Kind, Id}")
                .isNotNull()
                .containsKeys("Kind", "Id");
    }

    @Test
    void grantEntitlementTwiceReportsChangedThenUnchanged() {
        String key = freshKey();
        EntitlementGranter granter = as(EntitlementGranter.class, providerWith(key));
        Entitlement entitlement = newEntitlement();

        assertThat(granter.grantEntitlement(key, entitlement, authSession()).changed()).isTrue();
        assertThat(granter.grantEntitlement(key, entitlement, authSession()).changed()).isFalse();
    }

    @Test
    void revokeEntitlementTwiceReportsChangedThenUnchanged() {
        String key = freshKey();
        Provider p = providerWith(key);
        EntitlementGranter granter = as(EntitlementGranter.class, p);
        EntitlementRevoker revoker = as(EntitlementRevoker.class, p);
        Entitlement entitlement = newEntitlement();
        granter.grantEntitlement(key, entitlement, authSession());

        assertThat(revoker.revokeEntitlement(key, entitlement, authSession()).changed()).isTrue();
        assertThat(revoker.revokeEntitlement(key, entitlement, authSession()).changed()).isFalse();
    }

    @Test
    void listEntitlementsShowsAGrantAndNotARevokedOne() {
        String key = freshKey();
        Provider p = providerWith(key);
        EntitlementLister lister = as(EntitlementLister.class, p);
        EntitlementGranter granter = as(EntitlementGranter.class, p);
        EntitlementRevoker revoker = as(EntitlementRevoker.class, p);
        Entitlement entitlement = newEntitlement();

        granter.grantEntitlement(key, entitlement, authSession());
        assertThat(lister.listEntitlements(key, authSession())).anyMatch(entitlement::sameAs);

        revoker.revokeEntitlement(key, entitlement, authSession());
        assertThat(lister.listEntitlements(key, authSession())).isNotNull().noneMatch(entitlement::sameAs);
    }

    @Test
    void listEntitlementsIsAListEvenBeforeAnyGrant() {
        String key = freshKey();
        EntitlementLister lister = as(EntitlementLister.class, providerWith(key));

        assertThat(lister.listEntitlements(key, authSession())).isNotNull();
    }

    @Test
    void revokeSessionsReportsUnchangedWhenTheIdentityHasNoSessions() {
        String key = freshKey();
        SessionRevoker revoker = as(SessionRevoker.class, providerWith(key));

        ProviderResult result = revoker.revokeSessions(key, authSession());

        assertThat(result.identityKey()).isEqualTo(key);
        assertThat(result.changed()).isFalse();
    }
}
