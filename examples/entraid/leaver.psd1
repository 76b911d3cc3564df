# Leaver for the Entra ID example (this project's own workflow; it reads the same request as IdLE's
# entraid-leaver template). Every Graph call runs as the MicrosoftGraph 'Admin' auth session of host.yaml.
@{
    Name           = 'Entra ID leaver (example)'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{ Name = 'Disable account'; Type = 'IdLE.Step.DisableIdentity'
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}' } }
        @{ Name = 'Revoke sign-in sessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}' } }
        @{ Name = 'Mark display name'; Type = 'IdLE.Step.EnsureAttributes'
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}'
                     Attributes = @{ DisplayName = '{{Request.Intent.DisplayName}} (LEAVER)' } } }
        @{ Name = 'Keep only the leavers group'; Type = 'IdLE.Step.PruneEntitlementsEnsureKeep'
           Condition = @{ Equals = @{ Path = 'Request.Intent.PruneGroupMemberships'; Value = $true } }
           With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                     IdentityKey = '{{Request.IdentityKeys.UserPrincipalName}}'; Kind = 'Group'
                     Keep = @( @{ Kind = 'Group'; Id = '{{Request.Intent.LeaverRetainGroupId}}' } ) } }
    )
}
