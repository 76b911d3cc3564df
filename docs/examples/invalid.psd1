# Every problem is reported at once; `idle validate` exits 2.
@{
    Name           = 'Leaver - broken'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{
            Name      = 'Disable account'
            Type      = 'IdLE.Step.DisableIdentity'
            Condition = @{ Equals = @{ Path = 'Request.Intent.Reason' } }
            With      = @{ IdentityKey = '{{Request.IdentityKeys.Id}' }
            Retries   = 3
        }
        @{
            Name = 'Disable account'
            Type = 'IdLE.Step.DoesNotExist'
        }
    )
}
