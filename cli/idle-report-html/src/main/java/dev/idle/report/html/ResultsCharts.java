package dev.idle.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The geometry of the two inline-SVG charts of a results report, computed here so that the template only places
 * elements: outcomes (a horizontal bar per status with records) and rate over time (a bar per interval, requests
 * that went well stacked under those that did not). Coordinates are SVG user units; colours come from CSS classes.
 *
 * <p>Public only because the compiled templates live in another package; not an API. Immutable and thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class ResultsCharts {
    /** Most bars of the rate chart. */
    static final int MAX_RATE_BARS = 60;
    private static final int MAX_BAR_WIDTH = 48;

    /** One bar of the outcomes chart. */
    public record OutcomeBar(String status, long count, int y, int width) {
    }

    /** The outcomes chart: its bars and its size. */
    public record Outcomes(List<OutcomeBar> bars, int width, int height) {
        static final int LABEL_WIDTH = 130;
        static final int BAR_SPACE = 300;
        static final int ROW = 24;

        public int barX() {
            return LABEL_WIDTH;
        }

        public int countX(OutcomeBar bar) {
            return LABEL_WIDTH + bar.width() + 6;
        }
    }

    /** One interval of the rate chart: the good part below the bad part, and its tooltip text. */
    public record RateBar(int x, int width, int goodY, int goodHeight, int badY, int badHeight, String title) {
    }

    /** An axis label at a position. */
    public record Label(int x, int y, String text) {
    }

    /** The rate chart: bars, axis labels, the plot's box and what one bar counts. */
    public record Rate(List<RateBar> bars, List<Label> yLabels, List<Label> xLabels, int width, int height,
                int plotLeft, int plotTop, int plotBottom, String perWhat) {
    }

    private ResultsCharts() {
    }

    static Outcomes outcomes(ResultsSummary summary) {
        List<Map.Entry<String, Long>> present = summary.presentTotals();
        long max = present.stream().mapToLong(Map.Entry::getValue).max().orElse(1);
        List<OutcomeBar> bars = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            long count = present.get(i).getValue();
            int width = (int) Math.max(1, Math.round((double) count / max * Outcomes.BAR_SPACE));
            bars.add(new OutcomeBar(present.get(i).getKey(), count, i * Outcomes.ROW + 4, width));
        }
        return new Outcomes(bars, Outcomes.LABEL_WIDTH + Outcomes.BAR_SPACE + 90,
                Math.max(1, present.size()) * Outcomes.ROW + 8);
    }

    static Rate rate(ResultsSummary summary) {
        List<RateBuckets.Bucket> buckets = summary.rate().chart(MAX_RATE_BARS);
        int width = 760;
        int height = 220;
        int left = 56;
        int top = 10;
        int bottom = height - 30;
        int plotWidth = width - left - 10;
        long max = Math.max(1, buckets.stream().mapToLong(RateBuckets.Bucket::total).max().orElse(1));
        List<RateBar> bars = new ArrayList<>();
        double step = buckets.isEmpty() ? plotWidth : (double) plotWidth / buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            RateBuckets.Bucket b = buckets.get(i);
            int goodH = scale(b.good(), max, bottom - top);
            int badH = scale(b.bad(), max, bottom - top);
            int x = left + (int) Math.round(i * step);
            // a few intervals must not become slabs: a bar is at most MAX_BAR_WIDTH wide
            int w = Math.min(MAX_BAR_WIDTH, Math.max(1, (int) Math.round(step) - (step > 4 ? 1 : 0)));
            bars.add(new RateBar(x, w, bottom - goodH, goodH, bottom - goodH - badH, badH,
                    ReportFormat.instant(b.start()) + ": " + b.total() + " finished"
                            + (b.bad() > 0 ? " (" + b.bad() + " not Completed or Planned)" : "")));
        }
        List<Label> yLabels = List.of(new Label(left - 6, bottom + 4, "0"),
                new Label(left - 6, top + 4, ReportFormat.count(max)));
        List<Label> xLabels = new ArrayList<>();
        if (!buckets.isEmpty()) {
            xLabels.add(new Label(left, height - 8, ReportFormat.instant(buckets.get(0).start())));
            RateBuckets.Bucket last = buckets.get(buckets.size() - 1);
            // the right edge is where the last interval ends
            xLabels.add(new Label(left + plotWidth, height - 8,
                    ReportFormat.instant(last.start().plusSeconds(last.widthSeconds()))));
        }
        String per = buckets.isEmpty() ? "" : ReportFormat.interval(buckets.get(0).widthSeconds());
        return new Rate(bars, yLabels, xLabels, width, height, left, top, bottom, per);
    }

    private static int scale(long count, long max, int space) {
        return count == 0 ? 0 : (int) Math.max(1, Math.round((double) count / max * space));
    }
}
