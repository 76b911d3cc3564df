package dev.idle.provider.support.http;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the HTTP {@code Retry-After} header (RFC 9110, section 10.2.3): the one parser every provider uses.
 *
 * <p>Both forms are read: delta-seconds ({@code 120}; a decimal fraction such as {@code 0.25} is accepted and rounded
 * up to whole milliseconds) and an HTTP-date in the preferred IMF-fixdate form
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}) or one of the two obsolete forms recipients must still accept (RFC 850
 * and asctime). A date is turned into the time from the {@link Clock}'s "now" until then, so tests pin "now" with a
 * fixed clock.
 *
 * <p>How it fails: it never throws. An absent, empty or unreadable value gives {@code null} (no hint); a negative
 * number or a date in the past gives {@link Duration#ZERO} (no wait asked); a wait longer than the cap (by default
 * {@link #DEFAULT_CAP}) gives the cap, so that a broken or hostile server cannot park a run for days.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryAfter {
    /** The longest wait a server can ask for; longer answers are cut to this. */
    public static final Duration DEFAULT_CAP = Duration.ofMinutes(10);
    /** The header's name. */
    public static final String HEADER = "Retry-After";

    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern NEGATIVE = Pattern.compile("-\\d+(\\.\\d+)?");
    private static final List<DateTimeFormatter> DATE_FORMS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT (two-digit years are read as 1970-2069)
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss zzz")
                    .toFormatter(Locale.US),
            // asctime: Sun Nov  6 08:49:37 1994 (whitespace is collapsed before parsing), always GMT
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US).withZone(java.time.ZoneOffset.UTC));

    private final Clock clock;
    private final Duration cap;

    /** A parser measuring dates from {@code clock}'s now, capped at {@link #DEFAULT_CAP}. */
    public RetryAfter(Clock clock) {
        this(clock, DEFAULT_CAP);
    }

    public RetryAfter(Clock clock, Duration cap) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cap = Objects.requireNonNull(cap, "cap");
    }

    /** The wait the first {@code Retry-After} header of {@code headers} asks for, or null. */
    public Duration from(HttpHeaders headers) {
        return headers == null ? null : parse(headers.firstValue(HEADER).orElse(null));
    }

    /** The wait {@code value} asks for, or null when it is absent or cannot be read. */
    public Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (NEGATIVE.matcher(v).matches()) {
            return Duration.ZERO;
        }
        if (SECONDS.matcher(v).matches()) {
            BigDecimal millis = new BigDecimal(v).movePointRight(3).setScale(0, RoundingMode.CEILING);
            return millis.compareTo(BigDecimal.valueOf(cap.toMillis())) >= 0 ? cap
                    : Duration.ofMillis(millis.longValueExact());
        }
        ZonedDateTime at = date(v);
        if (at == null) {
            return null;
        }
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d.compareTo(cap) > 0 ? cap : d;
    }

    private static ZonedDateTime date(String v) {
        String collapsed = v.replaceAll("\\s+", " ");
        for (DateTimeFormatter form : DATE_FORMS) {
            try {
                return ZonedDateTime.parse(collapsed, form);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}
