# Leaver on Keycloak: disable the account, then end its sessions.
@{
    Name           = 'Leaver - Keycloak'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{
            Name = 'Disable account'
            Type = 'IdLE.Step.DisableIdentity'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
        }
        @{
            Name = 'Revoke sign-in sessions'
            Type = 'IdLE.Step.RevokeIdentitySessions'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
        }
    )
}
