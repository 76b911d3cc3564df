# Condition evaluation: four steps without templates or providers, each guarded by a condition tree that uses every
# operator and group of the condition language against request.json (two hold, two do not), so planning this workflow
# is mostly condition work: the static path check and the evaluation.
@{
    Name           = 'Conditions (benchmark)'
    LifecycleEvent = 'Leaver'
    Steps          = @(
        @{ Name = 'AllHold'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'all hold' }
           Condition = @{ All = @(
               @{ Equals = @{ Path = 'Request.Intent.PruneGroupMemberships'; Value = $true } }
               @{ NotEquals = @{ Path = 'Request.Intent.Department'; Value = 'Sales' } }
               @{ In = @{ Path = 'Request.Intent.Department'; Values = @('HR', 'Finance', 'IT') } }
               @{ Contains = @{ Path = 'Request.Intent.Groups'; Value = 'grp-finance' } }
               @{ Like = @{ Path = 'Request.IdentityKeys.UserPrincipalName'; Pattern = '*@contoso.example' } }
               @{ Exists = 'Request.Intent.LeaverRetainGroupId' }
           ) } }
        @{ Name = 'AnyHolds'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'any holds' }
           Condition = @{ Any = @(
               @{ Equals = @{ Path = 'Request.Intent.DeleteAfterDisable'; Value = $true } }
               @{ NotContains = @{ Path = 'Request.Intent.Groups'; Value = 'grp-admins' } }
           ) } }
        @{ Name = 'NoneHolds'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'none holds' }
           Condition = @{ None = @(
               @{ NotLike = @{ Path = 'Request.Intent.DisplayName'; Pattern = 'John*' } }
               @{ Exists = 'Request.Intent.Missing' }
           ) } }
        @{ Name = 'NestedFails'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'nested fails' }
           Condition = @{ All = @(
               @{ Any = @(
                   @{ Equals = @{ Path = 'Request.Intent.RevokeAllGroupMemberships'; Value = $true } }
                   @{ In = @{ Path = 'Request.Intent.Department'; Values = @('HR', 'IT') } }
               ) }
               @{ Like = @{ Path = 'Request.Intent.Groups'; Pattern = 'grp-*' } }
           ) } }
    )
}
