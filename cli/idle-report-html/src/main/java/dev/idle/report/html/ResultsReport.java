package dev.idle.report.html;

import dev.idle.api.IdleInputException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The results report: one self-contained HTML page of a results file ({@code idle batch --results},
 * {@code idle results}) — totals per status, the time span, a bar chart of outcomes, a chart of requests finished per
 * interval over time, and a row per request (index, correlation id, status, times, duration, changed steps, error)
 * that a constant script lets the reader filter by status and search; without script every row is simply shown.
 * Every value is escaped by the templates (jte, HTML content type); no value reaches the script or a style.
 *
 * <p>Memory is bounded whatever the file's length: records are read as a stream into a {@link ResultsSummary}, which
 * counts all of them and keeps the rows of at most {@code rowsPerStatus} of each status; the page says how many were
 * left out. Stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ResultsReport {
    private ResultsReport() {
    }

    /**
     * Reads the results file {@code file} into a summary.
     *
     * @throws IdleInputException naming {@code file:line} when it is missing or not a results file
     */
    public static ResultsSummary read(Path file, int rowsPerStatus) {
        ResultsSummary summary = new ResultsSummary(rowsPerStatus);
        ResultsFile.read(file, summary::add);
        return summary;
    }

    /**
     * Reads results records from {@code in} (e.g. standard input) into a summary.
     *
     * @param source the name problems and the page give the input
     * @throws IdleInputException naming {@code source:line} when it is not a results file
     */
    public static ResultsSummary read(InputStream in, String source, int rowsPerStatus) {
        ResultsSummary summary = new ResultsSummary(rowsPerStatus);
        ResultsFile.read(in, source, summary::add);
        return summary;
    }

    /**
     * The HTML page of {@code summary}.
     *
     * @param sourceName what the page calls the results file (its path as given)
     * @param renderedAt the time shown as "report rendered at" (results records carry their own times)
     */
    public static String render(ResultsSummary summary, String sourceName, Instant renderedAt) {
        Objects.requireNonNull(summary, "summary");
        Map<String, Object> params = new HashMap<>();
        params.put("page", new Page("Results: " + sourceName, Page.resource("report.css") + Page.resource("results.css"),
                Page.resource("results.js")));
        params.put("summary", summary);
        params.put("source", sourceName);
        params.put("renderedAt", ReportFormat.instant(renderedAt));
        params.put("outcomes", ResultsCharts.outcomes(summary));
        params.put("rate", ResultsCharts.rate(summary));
        return Templates.render("results.jte", params);
    }
}
