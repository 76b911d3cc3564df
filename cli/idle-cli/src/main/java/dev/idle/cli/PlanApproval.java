package dev.idle.cli;

import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.Plan;
import java.nio.file.Path;

/**
 * The approval gate of {@code idle invoke}: a plan whose workflow says {@code ApprovalRequired = $true} runs only
 * when {@code --approved-plan-hash} names its exact hash (the {@code planHash} of its export), so what runs is what
 * was approved; a hash given for any other plan must match too. Refusals are {@link IdleInputException}s (exit 2),
 * raised before any step runs. Stateless.
 */
final class PlanApproval {
    private PlanApproval() {
    }

    /**
     * @param approvedHash the {@code --approved-plan-hash} value, or null
     * @param source       the workflow or plan file, named in messages
     * @throws IdleInputException when the plan needs approval and none was given, or the given hash is not its hash
     */
    static void check(Idle idle, Plan plan, String approvedHash, Path source) {
        if (approvedHash == null) {
            if (plan.approvalRequired()) {
                throw new IdleInputException(source + ": the workflow requires approval (ApprovalRequired = $true):"
                        + " export the plan with 'idle plan', have it approved, and run it with"
                        + " --approved-plan-hash <the planHash of the approved plan>; nothing ran");
            }
            return;
        }
        String actual = idle.parseWorkflow(idle.export(plan), "plan.json").getString("planHash");
        if (!actual.equalsIgnoreCase(approvedHash.strip())) {
            throw new IdleInputException(source + ": --approved-plan-hash " + approvedHash.strip() + " is not the"
                    + " hash of this plan (" + actual + "): the plan differs from the one approved; nothing ran");
        }
    }
}
