# Revokes the identity's Keycloak sessions and nothing else: the account stays enabled (e.g. a suspected
# compromise, or the first stage of a leaver under legal hold). Every refresh token of those sessions stops working.
@{
    Name           = 'Revoke Keycloak sessions'
    LifecycleEvent = 'Leaver'
    Description    = 'Logs the user out of every Keycloak session; the account itself is not changed.'
    Steps          = @(
        @{
            Name = 'Revoke sign-in sessions'
            Type = 'IdLE.Step.RevokeIdentitySessions'
            With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
        }
    )
}
