# Triggers a delta (or initial) sync cycle on the Entra Connect server and waits for it to finish
# (this project's own workflow; IdLE's directorysync-entraconnect-trigger-sync template does the same).
@{
    Name           = 'Entra Connect sync (example)'
    LifecycleEvent = 'Operational'
    Steps          = @(
        @{ Name = 'Trigger sync'; Type = 'IdLE.Step.TriggerDirectorySync'
           With = @{ Provider = 'DirectorySync'
                     AuthSessionName = 'EntraConnect'; AuthSessionOptions = @{ Role = 'EntraConnectAdmin' }
                     ComputerName = '{{Request.Intent.ComputerName}}'; PolicyType = '{{Request.Intent.PolicyType}}'
                     Wait = $true; TimeoutSeconds = 300; PollIntervalSeconds = 10 } }
    )
}
