# Condition DSL and template examples; every step is an EmitEvent, so any host will do.
@{
    Name           = 'Condition examples'
    LifecycleEvent = 'Joiner'
    Steps          = @(
        @{
            Name      = 'Department is IT (case-insensitive)'
            Type      = 'IdLE.Step.EmitEvent'
            Condition = @{ Equals = @{ Path = 'Request.Intent.Department'; Value = 'it' } }
            With      = @{ Message = 'IT joiner' }
        }
        @{
            Name      = 'Any group id is sg-vpn (member-access enumeration)'
            Type      = 'IdLE.Step.EmitEvent'
            Condition = @{ Contains = @{ Path = 'Request.Context.Groups.Id'; Value = 'SG-VPN' } }
            With      = @{ Message = 'VPN user' }
        }
        @{
            Name      = 'First group by index'
            Type      = 'IdLE.Step.EmitEvent'
            Condition = @{ Like = @{ Path = 'Request.Context.Groups.0.Id'; Pattern = 'sg-*' } }
            With      = @{ Message = 'First group: {{Request.Context.Groups.0.Id}}' }
        }
        @{
            Name      = 'No licences yet (empty list counts as absent)'
            Type      = 'IdLE.Step.EmitEvent'
            Condition = @{ None = @( @{ Exists = 'Request.Context.Licences' } ) }
            With      = @{ Message = 'Needs a licence' }
        }
        @{
            Name      = 'Contractor or intern'
            Type      = 'IdLE.Step.EmitEvent'
            Condition = @{ All = @(
                @{ In = @{ Path = 'Request.Intent.EmployeeType'; Values = @('Contractor', 'Intern') } }
                @{ NotLike = @{ Path = 'Request.Intent.Title'; Pattern = '*Manager*' } }
            ) }
            With      = @{ Message = '{{Request.IdentityKeys.Id}} is a {{Request.Intent.EmployeeType}}' }
        }
    )
}
