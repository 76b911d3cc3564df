# Leaver that reads the identity before planning (context resolvers) and removes VPN access only where it is granted.
@{
    Name             = 'Leaver - with context'
    LifecycleEvent   = 'Leaver'
    ContextResolvers = @(
        @{ Capability = 'IdLE.Identity.Read';     With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
        @{ Capability = 'IdLE.Entitlement.List';  With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
    )
    Steps            = @(
        @{
            Name = 'Disable account'
            Type = 'IdLE.Step.DisableIdentity'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
        }
        @{
            Name      = 'Remove VPN access'
            Type      = 'IdLE.Step.EnsureEntitlement'
            Condition = @{ Contains = @{ Path = 'Request.Context.Views.Identity.Entitlements.Id'; Value = 'sg-vpn' } }
            With      = @{
                IdentityKey = '{{Request.IdentityKeys.Id}}'
                Entitlement = @{ Kind = 'Group'; Id = 'sg-vpn' }
                State       = 'Absent'
            }
        }
        @{
            Name = 'Announce leaver'
            Type = 'IdLE.Step.EmitEvent'
            With = @{ Message = 'Offboarded {{Request.Context.Views.Identity.Profile.Attributes.DisplayName}}' }
        }
    )
}
