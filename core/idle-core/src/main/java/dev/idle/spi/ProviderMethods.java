package dev.idle.spi;

/**
 * IdLE's provider method names. Steps report a missing method with these names
 * ({@code Provider 'Identity' does not implement RevokeSessions method.}).
 */
public final class ProviderMethods {
    public static final String GET_IDENTITY = "GetIdentity";
    public static final String CREATE_IDENTITY = "CreateIdentity";
    public static final String DELETE_IDENTITY = "DeleteIdentity";
    public static final String DISABLE_IDENTITY = "DisableIdentity";
    public static final String ENABLE_IDENTITY = "EnableIdentity";
    public static final String MOVE_IDENTITY = "MoveIdentity";
    public static final String ENSURE_ATTRIBUTE = "EnsureAttribute";
    public static final String REVOKE_SESSIONS = "RevokeSessions";
    public static final String LIST_ENTITLEMENTS = "ListEntitlements";
    public static final String GRANT_ENTITLEMENT = "GrantEntitlement";
    public static final String REVOKE_ENTITLEMENT = "RevokeEntitlement";
    public static final String RESOLVE_ENTITLEMENT = "ResolveEntitlement";
    public static final String BULK_REVOKE_ENTITLEMENTS = "BulkRevokeEntitlements";
    public static final String BULK_GRANT_ENTITLEMENTS = "BulkGrantEntitlements";
    public static final String GET_MAILBOX = "GetMailbox";
    public static final String ENSURE_MAILBOX_TYPE = "EnsureMailboxType";
    public static final String ENSURE_OUT_OF_OFFICE = "EnsureOutOfOffice";
    public static final String ENSURE_MAILBOX_PERMISSIONS = "EnsureMailboxPermissions";
    public static final String START_SYNC_CYCLE = "StartSyncCycle";
    public static final String GET_SYNC_CYCLE_STATE = "GetSyncCycleState";

    private ProviderMethods() {
    }
}
