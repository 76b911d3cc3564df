# Planning this against the AD provider fails on purpose: AD cannot revoke issued Kerberos tickets
# (docs/providers/ad.md explains what to do instead).
@{
    Name           = 'AD - revoke sessions (not possible)'
    LifecycleEvent = 'Leaver'
    Steps = @(
        @{ Type = 'IdLE.Step.DisableIdentity';        Name = 'Disable identity'; With = @{ IdentityKey = '{{Request.Intent.SamAccountName}}' } }
        @{ Type = 'IdLE.Step.RevokeIdentitySessions'; Name = 'Revoke sessions';  With = @{ IdentityKey = '{{Request.Intent.SamAccountName}}' } }
    )
}
