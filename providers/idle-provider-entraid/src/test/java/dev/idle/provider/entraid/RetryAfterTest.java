package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void deltaSecondsBecomeTheDelay() {
        assertThat(RetryAfter.parse("3", clock)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse(" 0.25 ", clock)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anHttpDateBecomesTheTimeUntilThen() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 10:00:07 GMT", clock)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aDateInThePastIsZeroAndGarbageIsNull() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }
}
