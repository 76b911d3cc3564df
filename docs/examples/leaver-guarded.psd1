# A leaver that only acts once HR has confirmed the termination (a run-time precondition).
@{
    Name           = 'Leaver - guarded'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{
            Name                = 'Disable account'
            Type                = 'IdLE.Step.DisableIdentity'
            With                = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
            Precondition        = @{ Equals = @{ Path = 'Request.Context.HrStatus'; Value = 'Terminated' } }
            OnPreconditionFalse = 'Blocked'
            PreconditionEvent   = @{
                Type    = 'LeaverAwaitingHr'
                Message = 'HR has not confirmed the termination yet.'
                Data    = @{ Ticket = 'HR-1234' }
            }
        }
        @{
            Name         = 'Revoke sign-in sessions'
            Type         = 'IdLE.Step.RevokeIdentitySessions'
            With         = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
            RetryProfile = 'Patient'
        }
    )
}
