package dev.idle.simsupport;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations simulators take in seed files and on the command line. */
public final class SimulatorDurations {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private SimulatorDurations() {
    }

    /**
     * Parses {@code PT1.5S} (ISO-8601), {@code 1500ms}, {@code 2s} or {@code 1m}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms when it is none of them
     */
    public static Duration parse(String text) {
        String t = text.trim();
        Matcher m = SIMPLE_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                default -> Duration.ofMinutes(v);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 2s, PT1S)");
        }
    }
}
