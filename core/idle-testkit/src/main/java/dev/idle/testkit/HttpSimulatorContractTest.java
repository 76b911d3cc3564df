package dev.idle.testkit;

import dev.idle.spi.Provider;

/**
 * The contract suite for a cloud-directory provider tested against its HTTP simulator (Okta, Google Workspace):
 * identities keyed by e-mail address, entitlements are groups, revoking sessions always reports a change (these
 * APIs cannot tell whether any session existed), and faults are the simulator's answer to the next request: 503
 * (transient) or 403 (permanent).
 */
public abstract class HttpSimulatorContractTest extends ProviderContractTest {

    /** Makes the simulator behind {@link #newProvider()} answer its next request with {@code status}. */
    protected abstract void failNextRequest(int status);

    @Override
    protected String newIdentityKey() {
        return "contract-" + hex() + "@example.com";
    }

    @Override
    protected String unknownIdentityKey() {
        return "contract-missing-" + hex() + "@example.com";
    }

    @Override
    protected String entitlementKind() {
        return "Group";
    }

    @Override
    protected boolean revokeSessionsAlwaysReportsChanged() {
        return true;
    }

    @Override
    protected Provider withTransientFailureOnNextCall(Provider provider, String method) {
        failNextRequest(503);
        return provider;
    }

    @Override
    protected Provider withPermanentFailureOnNextCall(Provider provider, String method) {
        failNextRequest(403);
        return provider;
    }
}
