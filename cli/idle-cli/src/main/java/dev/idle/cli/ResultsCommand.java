package dev.idle.cli;

import dev.idle.runner.dbos.DbosClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code idle results [--since INSTANT] [--submission ID]}: the results records of finished request runs, one JSON
 * line each, in the format {@code idle batch --results} writes ({@link dev.idle.api.BatchRecord#toJsonLine()}; for a
 * request of a submission {@code index} and {@code line} are its place in the requests file).
 *
 * <p>Exit 0; 2 for a bad {@code --since} or an unknown {@code --submission}; 5 when stdout fails.
 */
@Command(name = "results", description = "Print the results records of finished requests as JSON lines.")
final class ResultsCommand implements Callable<Integer> {
    @Option(names = "--since", paramLabel = "<instant>",
            description = "Only requests finished after this ISO-8601 instant, e.g. 2026-12-04T00:00:00Z.")
    String since;

    @Option(names = "--submission", paramLabel = "<id>", description = "Only the requests of this submission.")
    String submission;

    @Mixin
    DatabaseOptions db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant after = Inputs.instant(since, "--since");
        try (DbosClient client = db.client()) {
            client.results(after, submission, out::println);
        }
        out.flush();
        return IdleCli.OK;
    }
}
