package dev.idle.cli;

import dev.idle.runner.dbos.DbosRunner;
import dev.idle.runner.dbos.RunRetention;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code idle prune --older-than <duration> [db options]}: the operator's retention setting for the distributed
 * runner's audit trail. Removes the runs (with their plans, steps, events and results) that <em>ended</em> longer ago
 * than the given age, measured on the database's clock; runs still waiting or running are kept however old. There
 * is no cut-off unless an operator runs this (for example daily from cron). Exit 0 with the count removed; 2 for bad
 * input or a database that cannot be reached; 64 for a usage error.
 */
@Command(name = "prune", description = "Remove distributed runs that ended longer ago than --older-than (retention).")
final class PruneCommand implements Callable<Integer> {
    @Option(names = "--older-than", required = true, paramLabel = "<duration>",
            description = "Age of the runs to remove, counted from when they ended: 400d, 36h, ...")
    String olderThan;

    @Mixin
    DatabaseOptions db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration age = Inputs.duration(olderThan, "--older-than");
        String schema = db.schema();
        RunRetention retention = new RunRetention(db.settings(System::getenv), schema == null ? "dbos" : schema,
                DbosRunner.runnerSchemaBeside(schema));
        int removed = retention.prune(age);
        spec.commandLine().getOut().println("pruned " + removed + (removed == 1 ? " run" : " runs")
                + " that ended more than " + olderThan.strip() + " ago");
        return IdleCli.OK;
    }
}
