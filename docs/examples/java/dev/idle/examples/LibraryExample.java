package dev.idle.examples;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.StepOutcome;
import dev.idle.api.ValidationReport;
import dev.idle.provider.mock.MockProvider;
import java.nio.file.Path;

/**
 * Builds and runs a Leaver plan through the library API, the way a host application embeds IdLE:
 * validate the workflow, build a request, plan against the host's providers, export the plan for approval,
 * then run it with an event sink. Compiled and run by the build (idle-cli's LibraryExampleTest).
 */
public final class LibraryExample {
    private LibraryExample() {
    }

    public static ExecutionResult run(Path workflow) {
        Idle idle = Idle.create();

        // Test-IdleWorkflow
        ValidationReport report = idle.validate(workflow, null);
        if (!report.valid()) {
            throw new IllegalArgumentException("invalid workflow: " + report.errors());
        }

        // New-IdleRequest
        LifecycleRequest request = LifecycleRequest.builder("Leaver")
                .correlationId("example-0001")
                .actor("hr-sync")
                .identityKey("Id", "jdoe")
                .build();

        // The host's providers: here a mock directory with one signed-in user.
        MockProvider directory = MockProvider.builder()
                .identity("jdoe", user -> user.session("s1", "Outlook").session("s2", "Teams"))
                .build();
        try (Providers providers = Providers.builder().provider("Identity", directory).build()) {
            // New-IdlePlan, Export-IdlePlan
            Plan plan = idle.plan(workflow, request, providers);
            String approvalCopy = idle.export(plan);
            int steps = plan.steps().size();
            System.out.println("plan for approval: " + approvalCopy.length() + " bytes, "
                    + steps + (steps == 1 ? " step" : " steps"));

            // Invoke-IdlePlan, with every event printed as it happens
            ExecutionResult result = idle.invokePlan(plan)
                    .providers(providers)
                    .executionOptions(ExecutionOptions.defaults())
                    .eventSink(event -> System.out.println("event " + event.type() + " " + event.message()))
                    .run();
            for (StepOutcome step : result.steps()) {
                System.out.println(step.name() + ": " + step.status() + " (changed: " + step.changed() + ")");
            }
            return result;
        }
    }

    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "docs/examples/leaver.psd1"));
    }
}
