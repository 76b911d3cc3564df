package dev.idle.cli;

import dev.idle.api.Host;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.IdleInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the files a user passes. */
final class Inputs {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Inputs() {
    }

    static LifecycleRequest request(Path file) {
        return LifecycleRequest.load(file);
    }

    static Host host(Path file) {
        return file == null ? null : Host.load(file);
    }

    /**
     * An ISO-8601 instant given to {@code option}; null for null.
     *
     * @throws IdleInputException naming the option, with an example, for anything else
     */
    static Instant instant(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IdleInputException(option + " must be an ISO-8601 instant such as 2027-01-03T02:00:00Z, got '"
                    + text + "'");
        }
    }

    /**
     * A positive duration given to {@code option}: a whole number with a unit, {@code ms}, {@code s}, {@code m},
     * {@code h} or {@code d} ({@code 15s}, {@code 400d}); null for null.
     *
     * @throws IdleInputException naming the option, with an example, for anything else
     */
    static Duration duration(String text, String option) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.strip());
        long n = m.matches() ? Long.parseLong(m.group(1)) : 0;
        if (n == 0) {
            throw new IdleInputException(option + " must be a positive whole number with a unit (ms, s, m, h, d)"
                    + " such as 15s or 400d, got '" + text + "'");
        }
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
