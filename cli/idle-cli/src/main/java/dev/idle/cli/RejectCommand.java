package dev.idle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle reject ID --reason TEXT [--by NAME]}: rejects the distributed run {@code ID}, which waits for approval;
 * it ends with a {@code Rejected} results record and runs no step. Exit 0 when the rejection was handed to the run;
 * 2 when the id is unknown or the run is not waiting for approval (nothing changes then); 64 for a usage error.
 */
@Command(name = "reject", description = "Reject a distributed run that waits for approval: it ends without running"
        + " a step.")
final class RejectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The run's id (its correlation id).")
    String id;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (stored in the run's"
            + " results record, credentials masked).")
    String reason;

    @Mixin
    DeciderOptions decider;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        decider.decide(spec.commandLine(), approvals -> approvals.reject(id, reason, decider.by));
        spec.commandLine().getOut().println("rejected: " + id + " by " + decider.by.strip()
                + "; the run ends without running a step when a worker takes the rejection up");
        return IdleCli.OK;
    }
}
