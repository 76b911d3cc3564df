# Google Workspace leaver: suspend the user, sign them out everywhere, remove group memberships but one,
# and move them to the leavers org unit.
@{
    Name           = 'Leaver - Google Workspace'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{
            Name = 'Suspend account'
            Type = 'IdLE.Step.DisableIdentity'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Email}}' }
        }
        @{
            Name = 'Sign out everywhere'
            Type = 'IdLE.Step.RevokeIdentitySessions'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Email}}' }
        }
        @{
            Name = 'Prune groups, keep the alumni group'
            Type = 'IdLE.Step.PruneEntitlements'
            With = @{
                IdentityKey = '{{Request.IdentityKeys.Email}}'
                Kind        = 'Group'
                Keep        = @( @{ Kind = 'Group'; Id = '{{Request.Intent.RetainGroup}}' } )
            }
        }
        @{
            Name = 'Move to leavers org unit'
            Type = 'IdLE.Step.MoveIdentity'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Email}}'; TargetContainer = '{{Request.Intent.LeaversOrgUnit}}' }
        }
    )
}
