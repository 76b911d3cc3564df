# Leaver: disable the account, then end every active sign-in session.
@{
    Name           = 'Leaver - standard'
    LifecycleEvent = 'Leaver'
    Description    = 'Disable the account, revoke sessions, announce.'
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
            Name      = 'Announce leaver'
            Type      = 'IdLE.Step.EmitEvent'
            Condition = @{ Exists = 'Request.Intent.Reason' }
            With      = @{ Message = 'Offboarded {{Request.IdentityKeys.Id}}: {{Request.Intent.Reason}}' }
        }
    )
    OnFailureSteps = @(
        @{
            Name = 'Tell the helpdesk'
            Type = 'IdLE.Step.EmitEvent'
            With = @{ Message = 'Leaver for {{Request.IdentityKeys.Id}} failed; check the result.' }
        }
    )
}
