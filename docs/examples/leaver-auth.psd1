# A leaver whose provider calls run under a named auth session from the host file.
@{
    Name           = 'Leaver - with auth session'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{
            Name = 'Disable account'
            Type = 'IdLE.Step.DisableIdentity'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; AuthSessionName = 'DirectoryAdmin' }
        }
        @{
            Name = 'Revoke sign-in sessions'
            Type = 'IdLE.Step.RevokeIdentitySessions'
            With = @{
                IdentityKey        = '{{Request.IdentityKeys.Id}}'
                AuthSessionName    = 'DirectoryAdmin'
                AuthSessionOptions = @{ Role = 'Tier0' }
            }
        }
    )
}
