package dev.idle.cli;

import dev.idle.api.AtomicFiles;
import dev.idle.api.IdleInputException;
import dev.idle.report.html.ResultsReport;
import dev.idle.report.html.ResultsSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code idle report <results.jsonl>|- --html <file> [--rows-per-status <n>]}: renders a results file of
 * {@code idle batch --results} or {@code idle results} as one self-contained HTML page ({@link ResultsReport}).
 * The file is read as a stream; the page counts every record and shows the rows of at most {@code n} of each status.
 * {@code idle report --plan <plan.json> [--preview <preview.json>] --html <file>}: the plan report of an exported
 * plan, as {@code idle plan --html} makes it, for a reviewer who was sent the plan file ({@link PlanFileReport}).
 *
 * <p>Exit 0 (whatever the statuses in the file); 2 when the results are missing or not a results file (naming
 * {@code file:line}) or the output cannot be opened; 5 when the page could not be written. The output is opened
 * before the results are read and replaced atomically.
 */
@Command(name = "report", description = "Render a results file (idle batch --results, idle results) as an HTML page:"
        + " totals, charts, and the requests with a filter and a search.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<results.jsonl>",
            description = "The results file (one JSON record a line); - reads stdin, e.g. from idle results.")
    String results;

    @Option(names = "--plan", paramLabel = "<plan.json>",
            description = "Instead of results: an exported plan (idle plan --out) to review; its planHash is checked.")
    Path plan;

    @Option(names = "--preview", paramLabel = "<preview.json>",
            description = "With --plan: the preview of that plan (idle plan --preview), shown beside its steps.")
    Path preview;

    @Option(names = "--html", required = true, paramLabel = "<file>", description = "Write the HTML report here.")
    Path html;

    @Option(names = "--rows-per-status", paramLabel = "<n>", defaultValue = "" + ResultsSummary.DEFAULT_ROWS_PER_STATUS,
            description = "Show the rows of at most this many requests of each status (default: ${DEFAULT-VALUE});"
                    + " totals and charts count all.")
    int rowsPerStatus;

    @Spec
    CommandSpec spec;

    private final Supplier<InputStream> stdin;

    ReportCommand() {
        this(() -> System.in);
    }

    /** @param stdin what {@code -} reads; tests give their own */
    ReportCommand(Supplier<InputStream> stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        if ((results == null) == (plan == null)) {
            throw new ParameterException(spec.commandLine(), results == null
                    ? "Give a results file or --plan <plan.json> to report on"
                    : "Give either a results file or --plan, not both");
        }
        if (preview != null && plan == null) {
            throw new ParameterException(spec.commandLine(), "--preview needs --plan: it is shown beside that plan");
        }
        if (plan != null) {
            return PlanFileReport.write(plan, preview, html, spec.commandLine().getErr());
        }
        if (rowsPerStatus < 0) {
            throw new IdleInputException("--rows-per-status must be a whole number from 0: " + rowsPerStatus);
        }
        boolean fromStdin = "-".equals(results);
        if (!fromStdin && PreviousResults.sameFile(Path.of(results), html)) {
            throw new IdleInputException("--html must not be the results file (" + results + "): give the report"
                    + " another name");
        }
        try (AtomicFiles.Replacement target = AtomicFiles.open(html)) {
            ResultsSummary summary = fromStdin
                    ? ResultsReport.read(stdin.get(), "<stdin>", rowsPerStatus)
                    : ResultsReport.read(Path.of(results), rowsPerStatus);
            String page = ResultsReport.render(summary, fromStdin ? "standard input" : results, Instant.now());
            try {
                target.commit(page.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                spec.commandLine().getErr().println("idle: " + html + ": cannot write the report: " + e.getMessage());
                return IdleCli.OUTPUT_FAILED;
            }
            spec.commandLine().getErr().println("idle report: " + html + ": " + describe(summary));
            return IdleCli.OK;
        }
    }

    /** {@code 43 requests: 40 Completed, 1 Failed; rows of 40 shown}. */
    private static String describe(ResultsSummary summary) {
        String counts = summary.totals().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        long shown = summary.records() - summary.rowsLeftOut();
        return summary.records() + (summary.records() == 1 ? " request" : " requests")
                + (counts.isEmpty() ? "" : ": " + counts)
                + (summary.rowsLeftOut() > 0 ? "; rows of " + shown + " shown (--rows-per-status "
                + summary.rowsPerStatus() + ")" : "");
    }
}
