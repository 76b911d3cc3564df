package dev.idle.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResultsChartsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T22:00:00Z");

    private static ResultsSummary summary(int completed, int failed) {
        ResultsSummary summary = new ResultsSummary(10);
        for (int i = 0; i < completed + failed; i++) {
            Instant at = T0.plusSeconds(i * 3L);
            summary.add(new ResultRow(i + 1, i, i + 1, "c", i < completed ? "Completed" : "Failed", at, at, 0, 0,
                    null));
        }
        return summary;
    }

    @Test
    void theLongestOutcomeBarFillsItsSpaceAndEveryStatusWithRecordsHasOne() {
        ResultsCharts.Outcomes outcomes = ResultsCharts.outcomes(summary(90, 10));

        assertThat(outcomes.bars()).extracting(ResultsCharts.OutcomeBar::status).containsExactly("Completed", "Failed");
        assertThat(outcomes.bars().get(0).width()).isEqualTo(ResultsCharts.Outcomes.BAR_SPACE);
        assertThat(outcomes.bars().get(1).width()).isEqualTo(ResultsCharts.Outcomes.BAR_SPACE / 9);
    }

    @Test
    void rateBarsStayInsideThePlotWithTheBadPartOnTopOfTheGood() {
        ResultsCharts.Rate rate = ResultsCharts.rate(summary(300, 30));

        assertThat(rate.bars()).hasSizeLessThanOrEqualTo(ResultsCharts.MAX_RATE_BARS).allSatisfy(bar -> {
            assertThat(bar.x()).isGreaterThanOrEqualTo(rate.plotLeft());
            assertThat(bar.x() + bar.width()).isLessThanOrEqualTo(rate.width());
            assertThat(bar.badY()).isGreaterThanOrEqualTo(rate.plotTop());
            assertThat(bar.goodY() + bar.goodHeight()).isEqualTo(rate.plotBottom());
            assertThat(bar.badY() + bar.badHeight()).isEqualTo(bar.goodY());
        });
        assertThat(rate.perWhat()).isEqualTo("30 s");
        // 330 requests 3 s apart: the last finishes at 22:16:27, in the interval that ends at 22:16:30
        assertThat(rate.xLabels()).extracting(ResultsCharts.Label::text)
                .containsExactly("2026-12-04T22:00:00Z", "2026-12-04T22:16:30Z");
        assertThat(rate.bars().stream().filter(b -> b.badHeight() > 0)).isNotEmpty();
    }

    @Test
    void aSingleIntervalIsABarNotASlab() {
        ResultsCharts.Rate rate = ResultsCharts.rate(summary(1, 0));

        assertThat(rate.bars()).singleElement().satisfies(bar -> assertThat(bar.width()).isLessThanOrEqualTo(48));
    }
}
