@{
    Name           = 'Demo Mover'
    LifecycleEvent = 'Mover'
    Description    = 'Moves the account to the new department.'
    Steps          = @(
        @{
            Name = 'Update department'
            Type = 'IdLE.Step.EnsureAttributes'
            With = @{
                IdentityKey = '{{Request.IdentityKeys.Id}}'
                Attributes  = @{ Department = '{{Request.Intent.Department}}' }
            }
        }
        @{
            Name      = 'Move to department OU'
            Type      = 'IdLE.Step.MoveIdentity'
            Condition = @{ Exists = 'Request.Intent.TargetContainer' }
            With      = @{
                IdentityKey     = '{{Request.IdentityKeys.Id}}'
                TargetContainer = '{{Request.Intent.TargetContainer}}'
            }
        }
    )
}
