# Corrected copy of IdLE's templates/entraid-exo-leaver.psd1 for IdLE for Java.
# Fixes (each breaks upstream's own rules; see docs/differences.md):
#   - 6 `IdentityKey = @{ ValueFrom = ... }` maps: the engine has no ValueFrom resolution; written as `{{...}}` templates
#   - RevokeAllGroupMemberships: EnsureEntitlement has no `Desired` key (and lacks its required Entitlement and State); what the step means, removing every group, is PruneEntitlements with Kind 'Group' and an empty Keep

@{
    Name           = 'Complete Leaver - EntraID + ExchangeOnline Offboarding'
    LifecycleEvent = 'Leaver'
    Description    = 'Complete offboarding workflow: disables EntraID account, converts mailbox to shared, and enables Out of Office.'
    Steps          = @(
        @{
            Name = 'GetMailboxInfo'
            Type = 'IdLE.Step.Mailbox.GetInfo'
            With = @{
                Provider    = 'ExchangeOnline'
                IdentityKey = '{{Request.Intent.UserPrincipalName}}'
            }
        }
        @{
            Name = 'ConvertToSharedMailbox'
            Type = 'IdLE.Step.Mailbox.EnsureType'
            With = @{
                Provider    = 'ExchangeOnline'
                IdentityKey = '{{Request.Intent.UserPrincipalName}}'
                MailboxType = 'Shared'
            }
        }
        @{
            Name = 'EnableOutOfOffice'
            Type = 'IdLE.Step.Mailbox.EnsureOutOfOffice'
            With = @{
                Provider    = 'ExchangeOnline'
                IdentityKey = '{{Request.Intent.UserPrincipalName}}'
                Config      = @{
                    Mode            = 'Enabled'
                    InternalMessage = 'This person is no longer with the organization. For assistance, please contact their manager or the main office.'
                    ExternalMessage = 'This person is no longer with the organization. Please contact the main office for assistance.'
                    ExternalAudience = 'All'
                }
            }
        }
        @{
            Name = 'RevokeAllGroupMemberships'
            Type = 'IdLE.Step.PruneEntitlements'
            With = @{
                Provider           = 'Identity'
                AuthSessionName    = 'MicrosoftGraph'
                AuthSessionOptions = @{ Role = 'Admin' }
                IdentityKey        = '{{Request.Intent.UserObjectId}}'
                Kind            = 'Group'
                Keep            = @()
            }
        }
        @{
            Name = 'ClearManager'
            Type = 'IdLE.Step.EnsureAttributes'
            With = @{
                Provider           = 'Identity'
                AuthSessionName    = 'MicrosoftGraph'
                AuthSessionOptions = @{ Role = 'Admin' }
                IdentityKey        = '{{Request.Intent.UserObjectId}}'
                Attributes         = @{
                    Manager = $null
                }
            }
        }
        @{
            Name = 'DisableEntraIDAccount'
            Type = 'IdLE.Step.DisableIdentity'
            With = @{
                Provider           = 'Identity'
                AuthSessionName    = 'MicrosoftGraph'
                AuthSessionOptions = @{ Role = 'Admin' }
                IdentityKey        = '{{Request.Intent.UserObjectId}}'
            }
        }
        @{
            Name = 'EmitCompletionEvent'
            Type = 'IdLE.Step.EmitEvent'
            With = @{
                Message = 'Complete offboarding finished: Mailbox converted to Shared, OOF enabled, EntraID account disabled.'
            }
        }
    )
}
