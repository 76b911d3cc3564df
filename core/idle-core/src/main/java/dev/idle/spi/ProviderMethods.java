package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * IdLE's provider method names, read from the SPI interfaces' {@link CapabilityContract} and
 * {@link OptionalOperation} definitions (so they are not compile-time constants). Providers use them for
 * {@code ProviderResult.operation()}; steps report a missing method with them
 * ({@code Provider 'Identity' does not implement RevokeSessions method.}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProviderMethods {
    public static final String GET_IDENTITY = name(IdentityReader.class);
    public static final String LIST_IDENTITIES = name(IdentityLister.class);
    public static final String CREATE_IDENTITY = name(IdentityCreator.class);
    public static final String DELETE_IDENTITY = name(IdentityDeleter.class);
    public static final String DISABLE_IDENTITY = name(IdentityDisabler.class);
    public static final String ENABLE_IDENTITY = name(IdentityEnabler.class);
    public static final String MOVE_IDENTITY = name(IdentityMover.class);
    public static final String ENSURE_ATTRIBUTE = name(AttributeEnsurer.class);
    public static final String REVOKE_SESSIONS = name(SessionRevoker.class);
    public static final String COUNT_SESSIONS = name(SessionCounter.class);
    public static final String LIST_ENTITLEMENTS = name(EntitlementLister.class);
    public static final String GRANT_ENTITLEMENT = name(EntitlementGranter.class);
    public static final String REVOKE_ENTITLEMENT = name(EntitlementRevoker.class);
    public static final String RESOLVE_ENTITLEMENT = name(EntitlementResolver.class);
    public static final String BULK_REVOKE_ENTITLEMENTS = name(BulkEntitlementRevoker.class);
    public static final String BULK_GRANT_ENTITLEMENTS = name(BulkEntitlementGranter.class);
    public static final String GET_MAILBOX = name(MailboxReader.class);
    public static final String ENSURE_MAILBOX_TYPE = name(MailboxTypeEnsurer.class);
    public static final String ENSURE_OUT_OF_OFFICE = name(OutOfOfficeEnsurer.class);
    public static final String ENSURE_MAILBOX_PERMISSIONS = name(MailboxPermissionsEnsurer.class);
    public static final String START_SYNC_CYCLE = name(DirectorySyncTrigger.class);
    public static final String GET_SYNC_CYCLE_STATE = name(DirectorySyncStatus.class);

    private ProviderMethods() {
    }

    private static String name(Class<?> contract) {
        return Operation.of(contract).method();
    }
}
