# Okta leaver: suspend the user, end every Okta session (and OAuth tokens), remove group memberships but one.
@{
    Name           = 'Leaver - Okta'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{
            Name = 'Suspend account'
            Type = 'IdLE.Step.DisableIdentity'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Login}}' }
        }
        @{
            Name = 'Revoke sign-in sessions'
            Type = 'IdLE.Step.RevokeIdentitySessions'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Login}}' }
        }
        @{
            Name = 'Prune groups, keep the alumni group'
            Type = 'IdLE.Step.PruneEntitlements'
            With = @{
                IdentityKey = '{{Request.IdentityKeys.Login}}'
                Kind        = 'Group'
                Keep        = @( @{ Kind = 'Group'; Id = '{{Request.Intent.RetainGroup}}' } )
            }
        }
    )
}
