@{
    Name           = 'Demo Joiner'
    LifecycleEvent = 'Joiner'
    Description    = 'Creates the account, stamps HR attributes and announces the new joiner.'
    Steps          = @(
        @{
            Name = 'Create account'
            Type = 'IdLE.Step.CreateIdentity'
            With = @{
                IdentityKey = '{{Request.IdentityKeys.Id}}'
                Attributes  = @{ DisplayName = '{{Request.Intent.DisplayName}}' }
            }
        }
        @{
            Name = 'Set HR attributes'
            Type = 'IdLE.Step.EnsureAttributes'
            With = @{
                IdentityKey = '{{Request.IdentityKeys.Id}}'
                Attributes  = @{
                    Department = '{{Request.Intent.Department}}'
                    Title      = '{{Request.Intent.Title}}'
                }
            }
        }
        @{
            Name = 'Announce joiner'
            Type = 'IdLE.Step.EmitEvent'
            With = @{ Message = 'Welcome {{Request.Intent.DisplayName}} ({{Request.Intent.Department}})' }
        }
    )
}
