package dev.idle.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateBucketsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T22:00:00Z");

    @Test
    void countsStayExactWhenTheKeptWidthMovesUp() {
        RateBuckets rate = new RateBuckets();
        for (int i = 0; i < 10_000; i++) {
            rate.add(T0.plusSeconds(i), i % 10 != 0);
        }

        assertThat(rate.keptWidthSeconds()).isGreaterThan(1);
        List<RateBuckets.Bucket> chart = rate.chart(60);
        assertThat(chart).hasSizeLessThanOrEqualTo(60);
        assertThat(chart.stream().mapToLong(RateBuckets.Bucket::good).sum()).isEqualTo(9_000);
        assertThat(chart.stream().mapToLong(RateBuckets.Bucket::bad).sum()).isEqualTo(1_000);
    }

    @Test
    void theChartTakesTheNarrowestWidthThatFitsAndShowsEmptyIntervals() {
        RateBuckets rate = new RateBuckets();
        rate.add(T0, true);
        rate.add(T0.plusSeconds(1), true);
        rate.add(T0.plusSeconds(9), false);

        List<RateBuckets.Bucket> chart = rate.chart(60);

        assertThat(chart).extracting(RateBuckets.Bucket::widthSeconds).containsOnly(1L);
        assertThat(chart).extracting(RateBuckets.Bucket::total).containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(chart.get(9).bad()).isEqualTo(1);
    }

    @Test
    void finishTimesOutOfOrderAreCountedInTheirIntervals() {
        RateBuckets rate = new RateBuckets();
        rate.add(T0.plusSeconds(120), true);
        rate.add(T0, true);
        rate.add(T0.plusSeconds(125), true);

        List<RateBuckets.Bucket> chart = rate.chart(5);

        assertThat(chart.get(0).start()).isEqualTo(T0);
        assertThat(chart.stream().mapToLong(RateBuckets.Bucket::total).sum()).isEqualTo(3);
        assertThat(chart).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void timesCenturiesApartStillMakeASmallChart() {
        RateBuckets rate = new RateBuckets();
        rate.add(Instant.parse("0001-01-01T00:00:00Z"), true);
        rate.add(Instant.parse("9999-12-31T23:59:59Z"), false);
        rate.add(T0, true);

        List<RateBuckets.Bucket> chart = rate.chart(60);

        assertThat(chart).hasSizeLessThanOrEqualTo(60);
        assertThat(chart.stream().mapToLong(RateBuckets.Bucket::total).sum()).isEqualTo(3);
    }

    @Test
    void nothingCountedIsAnEmptyChart() {
        assertThat(new RateBuckets().chart(60)).isEmpty();
    }
}
