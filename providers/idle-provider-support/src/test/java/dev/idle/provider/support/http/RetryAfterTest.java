package dev.idle.provider.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final RetryAfter retryAfter = new RetryAfter(clock);

    // The first three tests were entraid's RetryAfterTest, for the parser this one replaces.

    @Test
    void deltaSecondsBecomeTheDelay() {
        assertThat(retryAfter.parse("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(retryAfter.parse(" 0.25 ")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anHttpDateBecomesTheTimeUntilThen() {
        assertThat(retryAfter.parse("Sat, 01 Mar 2025 10:00:07 GMT")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aDateInThePastIsZeroAndGarbageIsNull() {
        assertThat(retryAfter.parse("Sat, 01 Mar 2025 09:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(retryAfter.parse("soon")).isNull();
        assertThat(retryAfter.parse(null)).isNull();
    }

    @Test
    void retryAfterInDeltaSecondsFormIsHonoured() {
        assertThat(retryAfter.parse("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(retryAfter.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(retryAfter.parse("1.0001")).as("fractions round up to whole ms").isEqualTo(Duration.ofMillis(1001));
    }

    @Test
    void retryAfterInHttpDateFormIsHonouredInAllThreeFormsRfc9110Names() {
        assertThat(retryAfter.parse("Sat, 01 Mar 2025 10:01:00 GMT")).as("IMF-fixdate").isEqualTo(Duration.ofMinutes(1));
        assertThat(retryAfter.parse("Saturday, 01-Mar-25 10:00:30 GMT")).as("RFC 850").isEqualTo(Duration.ofSeconds(30));
        assertThat(retryAfter.parse("Sat Mar  1 10:00:05 2025")).as("asctime").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anHttpDateIsMeasuredFromTheClocksNow() {
        RetryAfter later = new RetryAfter(Clock.fixed(Instant.parse("2025-03-01T10:00:05Z"), ZoneOffset.UTC));
        assertThat(later.parse("Sat, 01 Mar 2025 10:00:07 GMT")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void negativeValuesAskForNoWaitAndGarbageGivesNoHint() {
        assertThat(retryAfter.parse("-5")).isEqualTo(Duration.ZERO);
        for (String garbage : List.of("", "  ", "5s", "+5", "1e3", "tomorrow", "Sat, 32 Mar 2025 10:00:00 GMT",
                "0x10")) {
            assertThat(retryAfter.parse(garbage)).as(garbage).isNull();
        }
    }

    @Test
    void aWaitLongerThanTheCapIsCutToTheCap() {
        assertThat(retryAfter.parse("86400")).isEqualTo(RetryAfter.DEFAULT_CAP);
        assertThat(retryAfter.parse("99999999999999999999999")).isEqualTo(RetryAfter.DEFAULT_CAP);
        assertThat(retryAfter.parse("Sun, 01 Mar 2026 10:00:00 GMT")).isEqualTo(RetryAfter.DEFAULT_CAP);
        assertThat(new RetryAfter(clock, Duration.ofSeconds(30)).parse("31")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theHeaderIsFoundWhateverItsCase() {
        HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("4")), (a, b) -> true);
        assertThat(retryAfter.from(headers)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retryAfter.from(HttpHeaders.of(Map.of(), (a, b) -> true))).isNull();
    }
}
