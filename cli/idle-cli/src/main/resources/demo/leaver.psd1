@{
    Name           = 'Demo Leaver'
    LifecycleEvent = 'Leaver'
    Description    = 'Disables the account, then ends every active sign-in session.'
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
        @{
            Name = 'Announce leaver'
            Type = 'IdLE.Step.EmitEvent'
            With = @{ Message = 'Offboarded {{Request.IdentityKeys.Id}}' }
        }
    )
}
