package dev.idle.cli;

import dev.idle.api.BatchRecord;
import dev.idle.api.BatchRunner;
import dev.idle.api.BatchSummary;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.RequestSource;
import dev.idle.provider.support.ratelimit.RateLimits;
import dev.idle.spi.CredentialMasking;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code idle batch --workflow <file> --host <file> --requests <file>|- [--results <file>] [--concurrency N]
 * [--dry-run] [--format jsonl|csv] [--max-affected N|P%] [--confirm-affected N] [--retry-failed <results>]
 * [--resume]}: one workflow over many requests in one JVM (see {@link BatchRunner}). Records go to {@code --results}
 * (or stdout) one JSON line per request as each finishes; the summary goes to stderr. The blast-radius guard is
 * {@link BlastRadiusGuard}; what {@code --retry-failed} runs again, {@link PreviousResults}. With a results file, a
 * journal beside it lets {@code --resume} finish an interrupted batch ({@link BatchResume}).
 *
 * <p>Order: the journal is checked (a resume refused, or repaired), the results file is opened, then the host, the
 * workflow (loaded and validated once) and the requests' header, and the journal is started; a failure of any of them
 * exits 2 before any provider is called. Exit 0 when every request
 * {@code Completed} (dry run: {@code Planned}); 3 when any {@code Failed} or is {@code Invalid}, or the requests could
 * not be read to the end; 4 when none failed but some are {@code Blocked} or {@code NotRun}; 5 when the results could
 * not be written completely (the batch stops taking up requests then).
 */
@Command(name = "batch", description = "Run one workflow over many requests (JSON Lines or CSV), concurrently.")
final class BatchCommand implements Callable<Integer> {
    @Option(names = "--workflow", required = true, paramLabel = "<file>", description = "The workflow file.")
    Path workflow;

    @Option(names = "--host", required = true, paramLabel = "<file>",
            description = "Host file: providers, auth sessions, retry profiles.")
    Path host;

    @Option(names = "--requests", required = true, paramLabel = "<file>|-",
            description = "Requests: .jsonl/.ndjson/.json (one request object a line) or .csv (dotted request paths"
                    + " as column headers); - reads stdin.")
    String requests;

    @Option(names = "--results", paramLabel = "<file>",
            description = "Write one JSON record per request here, as each finishes (default: stdout).")
    Path results;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "1",
            description = "Requests run at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--dry-run", description = "Plan every request and run none (context resolvers may read).")
    boolean dryRun;

    @Option(names = "--resume", description = "Finish an interrupted batch: run only the requests its journal"
            + " (<results>.journal) does not list, with the same inputs; needs --results and --requests <file>.")
    boolean resume;

    @Option(names = "--format", paramLabel = "jsonl|csv",
            description = "Format of the requests; default: by extension, jsonl for stdin.")
    RequestSource.Format format;

    @Option(names = "--max-affected", paramLabel = "<n>|<p>%",
            description = "Run only if at most this many requests (or this percentage of a requests file) would"
                    + " change something; stdin: start none after that many (default: executionOptions.maxAffected).")
    String maxAffected;

    @Option(names = "--confirm-affected", paramLabel = "<n>",
            description = "Run although more would change than --max-affected allows: repeat the count it printed.")
    Long confirmAffected;

    @Option(names = "--retry-failed", paramLabel = "<results>",
            description = "Run again only the requests recorded Failed, Invalid, Blocked or NotRun in this results"
                    + " file of the same --requests FILE.")
    Path retryFailed;

    @Option(names = "--html", paramLabel = "<file>", description = "With --dry-run: also write an HTML report"
            + " to review, a row per request and each request's plan one click away.")
    Path html;

    @Spec
    CommandSpec spec;

    private final LineSink.Opener resultLines;
    private final Supplier<InputStream> stdin;

    BatchCommand() {
        this(LineSink.LINE_FILES, () -> System.in);
    }

    /** @param resultLines opens the results file; tests give one that fails midway. @param stdin for {@code -} */
    BatchCommand(LineSink.Opener resultLines, Supplier<InputStream> stdin) {
        this.resultLines = resultLines;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        if (concurrency < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--concurrency must be at least 1, got " + concurrency);
        }
        if (html != null && (!dryRun || resume)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), resume
                    ? "--html cannot be used with --resume (the report would miss the requests done before)"
                    : "--html needs --dry-run (it renders the plans a dry run makes)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean fromStdin = requests.equals("-");
        Path requestsFile = fromStdin ? null : Path.of(requests);
        BlastRadiusGuard guard = BlastRadiusGuard.of(maxAffected, confirmAffected, fromStdin, dryRun);
        LongPredicate selected = retryFailed == null ? index -> true
                : PreviousResults.retrySelection(retryFailed, results, requestsFile, format, err);
        BatchResume journaled = BatchResume.prepare(results, resume, BatchJournal.Run.of(workflow, host, requestsFile,
                format, dryRun).with(retryFailed, maxAffected, confirmAffected), err);
        // opened before the host is loaded: no provider is called when the results cannot be written
        try (BatchResults output = BatchResults.open(results, journaled.resultsOpener(resultLines), out);
             BatchPlanHtml report = BatchPlanHtml.open(html, fromStdin ? "<stdin>" : requests)) {
            BatchSummary summary;
            String journalFailure;
            try (Host h = Host.load(host)) {
                BatchRunner runner = guard.apply(Idle.create().batch().workflow(workflow).providers(h.providers())
                        .executionOptions(h.executionOptions()).concurrency(concurrency).dryRun(dryRun).build(),
                        h.executionOptions(), host.toString(), () -> RequestSource.open(requestsFile, format),
                        selected, err);
                try (RequestSource source = fromStdin
                        ? RequestSource.read(stdin.get(), "<stdin>", format == null ? RequestSource.Format.JSONL : format)
                        : RequestSource.open(requestsFile, format);
                     BatchJournal journal = journaled.startJournal()) {
                    BatchConsole console = BatchConsole.forTerminal(err, requestsFile);
                    // the counters are JVM-wide and only grow: this batch's share is the difference
                    List<RateLimits.TargetStats> before = RateLimits.snapshot();
                    // the guard counted the whole batch (the same command resumes); the run skips what is done
                    summary = runner.run(source, selected.and(journaled.pending()), record -> {
                        output.write(record);
                        journal.finished(record); // after its results line: a listed request has its record
                        console.finished(record);
                        guard.finished(record);
                        if (report != null) {
                            report.add(record);
                        }
                    });
                    console.summary(summary, dryRun, RateLimits.throttledSince(before));
                    guard.report(err);
                    journal.end(summary.stoppedBy() == null && output.failure() == null, err);
                    journalFailure = journal.failure();
                }
            }
            String reportFailure = report == null ? null : report.write();
            return exitCode(journaled.withEarlier(summary), output.failure() != null ? output.failure()
                    : journalFailure != null ? journalFailure : reportFailure, err);
        }
    }

    private int exitCode(BatchSummary s, String outputFailure, PrintWriter err) {
        if (outputFailure != null) {
            err.println("idle: " + outputFailure);
            return IdleCli.OUTPUT_FAILED;
        }
        if (s.stoppedBy() != null) {
            String why = s.stoppedBy() instanceof UncheckedIOException io ? io.getMessage()
                    : String.valueOf(s.stoppedBy());
            err.println("idle: " + requests + ": the batch stopped before the end of the requests: "
                    + CredentialMasking.mask(why));
            return IdleCli.RUN_FAILED;
        }
        if (s.count(BatchRecord.Status.Failed) > 0 || s.count(BatchRecord.Status.Invalid) > 0) {
            return IdleCli.RUN_FAILED;
        }
        if (s.count(BatchRecord.Status.Blocked) > 0 || s.count(BatchRecord.Status.NotRun) > 0) {
            return IdleCli.RUN_BLOCKED;
        }
        return IdleCli.OK;
    }
}
