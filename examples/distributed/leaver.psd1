@{
    Name           = 'Leaver (distributed example)'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{ Name = 'Disable account'; Type = 'IdLE.Step.DisableIdentity'
           With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
        @{ Name = 'Revoke sign-in sessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
           With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
    )
}
