# The benchmarked leaver: the shape of IdLE's `entraid-leaver` template (the issue-14 target names it), written for
# this project so the benchmarks run from a clone alone. Eight steps of the same types, With keys, templates and
# conditions as the template: four always planned, five guarded by request flags (two of them true in request.json,
# so two prune steps are planned and three are NotApplicable), and a final event with a template in its text.
@{
    Name           = 'Entra ID leaver (benchmark)'
    LifecycleEvent = 'Leaver'
    Description    = 'Disable, revoke sessions, mark, optional group and administrative-unit cleanup, optional delete.'
    Steps          = @(
        @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}' } }
        @{ Name = 'RevokeSessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}' } }
        @{ Name = 'MarkAsLeaver'; Type = 'IdLE.Step.EnsureAttributes'
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}'
                     Attributes = @{ DisplayName = '{{Request.Intent.DisplayName}} (LEAVER)'; Manager = $null } } }
        @{ Name = 'RemoveAllGroups'; Type = 'IdLE.Step.PruneEntitlements'
           Condition = @{ All = @( @{ Equals = @{ Path = 'Request.Intent.RevokeAllGroupMemberships'; Value = $true } } ) }
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}'; Kind = 'Group'; Keep = @() } }
        @{ Name = 'KeepOnlyLeaverGroup'; Type = 'IdLE.Step.PruneEntitlementsEnsureKeep'
           Condition = @{ All = @( @{ Equals = @{ Path = 'Request.Intent.PruneGroupMemberships'; Value = $true } } ) }
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}'; Kind = 'Group'
                     Keep = @( @{ Kind = 'Group'; Id = '{{Request.Intent.LeaverRetainGroupId}}' } ) } }
        @{ Name = 'RemoveAllAdministrativeUnits'; Type = 'IdLE.Step.PruneEntitlements'
           Condition = @{ All = @( @{ Equals = @{ Path = 'Request.Intent.RevokeAdministrativeUnitMemberships'; Value = $true } } ) }
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}'; Kind = 'AdministrativeUnit'; Keep = @() } }
        @{ Name = 'KeepOnlyRetainedAdministrativeUnit'; Type = 'IdLE.Step.PruneEntitlementsEnsureKeep'
           Condition = @{ All = @( @{ Equals = @{ Path = 'Request.Intent.PruneAdministrativeUnitMemberships'; Value = $true } } ) }
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}'; Kind = 'AdministrativeUnit'
                     Keep = @( @{ Kind = 'AdministrativeUnit'; Id = '{{Request.Intent.RetainAdministrativeUnitId}}' } ) } }
        @{ Name = 'DeleteAccount'; Type = 'IdLE.Step.DeleteIdentity'
           Condition = @{ All = @( @{ Equals = @{ Path = 'Request.Intent.DeleteAfterDisable'; Value = $true } } ) }
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Tier0' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}' } }
        @{ Name = 'Done'; Type = 'IdLE.Step.EmitEvent'
           With = @{ Message = 'Offboarding of {{Request.IdentityKeys.UserPrincipalName}} completed.' } }
    )
}
