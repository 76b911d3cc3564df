# A complete leaver on one file-backed mock: every effect lands in state.json next to the host file.
@{
    Name           = 'Leaver - complete offboarding'
    LifecycleEvent = 'Leaver'
    Description    = 'Disable, revoke sessions, prune groups (keep one), out-of-office, shared mailbox, move to leavers.'
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
            Name = 'Prune groups, keep the leavers group'
            Type = 'IdLE.Step.PruneEntitlementsEnsureKeep'
            With = @{
                IdentityKey = '{{Request.IdentityKeys.Id}}'
                Kind        = 'Group'
                Keep        = @( @{ Kind = 'Group'; Id = '{{Request.Intent.RetainGroup}}' } )
            }
        }
        @{
            Name = 'Set out-of-office'
            Type = 'IdLE.Step.Mailbox.EnsureOutOfOffice'
            With = @{
                IdentityKey = '{{Request.IdentityKeys.Id}}'
                Config      = @{
                    Mode             = 'Enabled'
                    InternalMessage  = 'I have left the company. Please contact {{Request.Intent.ManagerMail}}.'
                    ExternalMessage  = 'This mailbox is no longer monitored.'
                    ExternalAudience = 'All'
                }
            }
        }
        @{
            Name = 'Convert mailbox to shared'
            Type = 'IdLE.Step.Mailbox.EnsureType'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; MailboxType = 'Shared' }
        }
        @{
            Name = 'Move to leavers container'
            Type = 'IdLE.Step.MoveIdentity'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; TargetContainer = '{{Request.Intent.LeaversContainer}}' }
        }
    )
}
