# Valid for `idle validate` (exit 0, two warnings); `idle plan` rejects it.
@{
    Name           = 'Leaver - with warnings'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{
            Name = 'Revoke sign-in sessions'
            Type = 'IdLE.Step.RevokeIdentitySessions'
            With = @{
                IdentityKey = '{{Request.IdentityKeys.Id}}'
                Reason      = 'Requested at {{Request.Execution.Timestamp}}'
            }
        }
    )
}
