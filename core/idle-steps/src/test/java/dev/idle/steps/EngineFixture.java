package dev.idle.steps;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.StepOutcome;
import dev.idle.api.data.DataMap;
import dev.idle.testkit.EventRecorder;

/** Plans and runs inline {@code .psd1} workflows through the real engine with the built-in step packs. */
final class EngineFixture {
    final Idle idle = Idle.create();
    final EventRecorder events = new EventRecorder();

    Plan plan(String psd1, String lifecycleEvent, Providers providers) {
        DataMap workflow = idle.parseWorkflow(psd1, "test.psd1");
        LifecycleRequest request = LifecycleRequest.create(lifecycleEvent, "corr-1", "tester",
                DataMap.of("Id", "jdoe"), new DataMap(), new DataMap());
        return idle.plan(workflow, request, providers, "test.psd1");
    }

    ExecutionResult run(String psd1, String lifecycleEvent, Providers providers) {
        return idle.invoke(plan(psd1, lifecycleEvent, providers), providers, events, ExecutionOptions.defaults());
    }

    static StepOutcome step(ExecutionResult r, String name) {
        return r.steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + r.steps()));
    }

    static StepOutcome onFailureStep(ExecutionResult r, String name) {
        return r.onFailure().steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no OnFailure step " + name));
    }

    /** A leaver workflow: one revoke step with the given extra {@code With} lines, plus an EmitEvent after it. */
    static String revokeWorkflow(String extraWith, String stepExtras) {
        return """
                @{
                  Name = 'Leaver test'
                  LifecycleEvent = 'Leaver'
                  Steps = @(
                    @{
                      Name = 'Revoke'
                      Type = 'IdLE.Step.RevokeIdentitySessions'
                      %s
                      With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; %s }
                    }
                    @{ Name = 'After'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'after revoke' } }
                  )
                  OnFailureSteps = @(
                    @{ Name = 'Alert'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'leaver failed' } }
                  )
                }
                """.formatted(stepExtras, extraWith);
    }
}
