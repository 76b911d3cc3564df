# Mailbox leaver for the Exchange Online example (this project's own workflow; it reads the same request as IdLE's
# exo-leaver template): the mailbox becomes shared and answers with an out-of-office note naming the manager.
@{
    Name           = 'Exchange Online mailbox leaver (example)'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{ Name = 'Read mailbox'; Type = 'IdLE.Step.Mailbox.GetInfo'
           With = @{ Provider = 'ExchangeOnline'; IdentityKey = '{{Request.Intent.UserPrincipalName}}' } }
        @{ Name = 'Make it shared'; Type = 'IdLE.Step.Mailbox.EnsureType'
           With = @{ Provider = 'ExchangeOnline'; IdentityKey = '{{Request.Intent.UserPrincipalName}}'; MailboxType = 'Shared' } }
        @{ Name = 'Out of office'; Type = 'IdLE.Step.Mailbox.EnsureOutOfOffice'
           With = @{ Provider = 'ExchangeOnline'; IdentityKey = '{{Request.Intent.UserPrincipalName}}'
                     Config = @{ Mode = 'Enabled'; ExternalAudience = 'All'
                                 InternalMessage = 'I have left. Please write to {{Request.Intent.Manager.DisplayName}} ({{Request.Intent.Manager.Mail}}).'
                                 ExternalMessage = 'This mailbox is no longer read. Please write to {{Request.Intent.ServiceDesk.Mail}}.' } } }
    )
}
