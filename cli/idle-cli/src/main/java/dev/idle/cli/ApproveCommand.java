package dev.idle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle approve ID --plan-hash H [--by NAME]}: approves the exact plan of the distributed run {@code ID}, which
 * waits for it because its workflow says {@code ApprovalRequired}. Exit 0 when the approval was handed to the run
 * (it runs when a worker takes it up); 2 when the id is unknown, the run is not waiting for approval, or {@code H} is
 * not its plan's hash (nothing is approved then); 64 for a usage error.
 *
 * <p>{@code idle approve --submission ID --confirm-affected N} releases a quarantined submission instead: {@code N}
 * must be the number of its requests that would change something; a wrong count releases nothing (exit 2).
 */
@Command(name = "approve", description = {"Approve the exact plan of a distributed run that waits for approval,",
        "or release a quarantined submission (--submission ID --confirm-affected N)."})
final class ApproveCommand implements Callable<Integer> {
    /** Optional to picocli so that other things to approve can be named by an option instead; checked in call(). */
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The run's id (its correlation id).")
    String id;

    @Option(names = "--plan-hash", paramLabel = "H", description = "The hash of the plan being approved, as"
            + " 'idle plan' exports it; it must be the hash of the plan the run waits with.")
    String planHash;

    @Option(names = "--submission", paramLabel = "ID", description = "A quarantined submission to release"
            + " (with --confirm-affected) instead of a run to approve.")
    String submission;

    @Option(names = "--confirm-affected", paramLabel = "N", description = "With --submission: the exact number of"
            + " its requests that would change something, as 'idle status ID' shows it.")
    Long confirmAffected;

    @Mixin
    DeciderOptions decider;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (submission != null || confirmAffected != null) {
            return releaseSubmission();
        }
        if (id == null || planHash == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "approve needs the run's id and its plan hash: idle approve ID --plan-hash H");
        }
        return approveRun();
    }

    private int approveRun() {
        decider.decide(spec.commandLine(), approvals -> approvals.approve(id, planHash, decider.by));
        spec.commandLine().getOut().println("approved: " + id + " (plan hash " + planHash.strip() + ") by "
                + decider.by.strip() + "; the run goes on when a worker takes the approval up");
        return IdleCli.OK;
    }

    private int releaseSubmission() {
        if (submission == null || confirmAffected == null || id != null || planHash != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "approve --submission needs the submission's"
                    + " id and the confirmed count, and no run id or plan hash: idle approve --submission ID"
                    + " --confirm-affected N");
        }
        decider.decide(spec.commandLine(), runner -> runner.release(submission, confirmAffected,
                decider.by));
        spec.commandLine().getOut().println("released: " + submission + " (" + confirmAffected
                + (confirmAffected == 1 ? " request" : " requests") + " would change something); its requests start when a worker takes the release up");
        return IdleCli.OK;
    }
}
