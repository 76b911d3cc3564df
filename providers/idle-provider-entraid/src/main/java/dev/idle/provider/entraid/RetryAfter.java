package dev.idle.provider.entraid;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 §10.2.3): either delta-seconds or an HTTP-date. The result is
 * the least time to wait, rounded up to whole milliseconds; an unparseable value gives null, a date in the past gives
 * zero.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            BigDecimal seconds = new BigDecimal(v);
            if (seconds.signum() < 0) {
                return Duration.ZERO;
            }
            long millis = seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
            return Duration.ofMillis(millis);
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            // an HTTP-date then
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
