package dev.idle.report.html;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How reports write times, durations and counts: UTC instants to the second, short durations, grouped digits. Public
 * only because the compiled templates live in another package; not an API.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportFormat {
    private ReportFormat() {
    }

    /** {@code 2026-12-04T22:00:01Z}: UTC, whole seconds; "" for null. */
    public static String instant(Instant at) {
        return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 0.412 s}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 03 min}, {@code 3 d 4 h}. */
    public static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (seconds < 3_600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3_600, seconds % 3_600 / 60);
        }
        return String.format(Locale.ROOT, "%d d %d h", seconds / 86_400, seconds % 86_400 / 3_600);
    }

    /** An interval's width: {@code 1 s}, {@code 30 s}, {@code 5 min}, {@code 6 h}, {@code 7 d}. */
    public static String interval(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3_600 + " h";
        }
        return seconds / 86_400 + " d";
    }

    /** {@code 12.5 %} of {@code part} in {@code whole}; "" when whole is 0. */
    public static String share(long part, long whole) {
        return whole == 0 ? "" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    /** {@code 100,000}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
