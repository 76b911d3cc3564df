package dev.idle.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The bounds IdLE puts on everything it reads — workflow, request, host and plan files and the values inside them —
 * so that hostile or broken input ends in a clean {@link IdleInputException} naming the place and the limit, never in
 * a {@link StackOverflowError}, an {@link OutOfMemoryError} or a run that takes minutes.
 *
 * <p>The defaults fit real identity data with room to spare (a 64 KiB string is far longer than any attribute a
 * directory accepts) and keep the worst case at each limit fast. Like Jackson's {@code StreamReadConstraints}, the
 * limits are process-wide: {@link #current()} is what every loader, template and condition consults, and
 * {@link #overrideDefaults(InputLimits)} replaces it (the CLI's {@code --limit NAME=VALUE} does that). The rule that
 * numbers must be I-JSON numbers (finite doubles; integers within ±2^53) is not a limit and cannot be changed.
 *
 * <p>Immutable and thread-safe; {@link #overrideDefaults} publishes safely to all threads.
 *
 * @param maxFileBytes             largest workflow, request, host or plan file read, in bytes
 * @param maxNestingDepth          deepest nesting of maps and lists (and of sub-expressions in a {@code .psd1})
 * @param maxStringLength          longest string value or key, in UTF-16 chars
 * @param maxNumberDigits          most characters in one number literal
 * @param maxPlaceholdersPerString most {@code {{...}}} placeholders in one template string
 * @param maxPathSegments          most dot-separated segments in a template or condition path
 * @param maxLikePatternLength     longest wildcard pattern of {@code Like}/{@code NotLike}
 * @param maxLikeValueLength       longest value a wildcard pattern is matched against
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record InputLimits(long maxFileBytes, int maxNestingDepth, int maxStringLength, int maxNumberDigits,
                          int maxPlaceholdersPerString, int maxPathSegments, int maxLikePatternLength,
                          int maxLikeValueLength) {

    private static final InputLimits DEFAULTS = new InputLimits(
            4L * 1024 * 1024, 64, 1024 * 1024, 64, 1_000, 64, 1_024, 64 * 1024);

    private static volatile InputLimits current = DEFAULTS;

    /** Each limit by the name {@link #with(String, long)} and the documentation use. */
    private static final Map<String, ToLongFunction<InputLimits>> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("maxFileBytes", InputLimits::maxFileBytes);
        NAMES.put("maxNestingDepth", InputLimits::maxNestingDepth);
        NAMES.put("maxStringLength", InputLimits::maxStringLength);
        NAMES.put("maxNumberDigits", InputLimits::maxNumberDigits);
        NAMES.put("maxPlaceholdersPerString", InputLimits::maxPlaceholdersPerString);
        NAMES.put("maxPathSegments", InputLimits::maxPathSegments);
        NAMES.put("maxLikePatternLength", InputLimits::maxLikePatternLength);
        NAMES.put("maxLikeValueLength", InputLimits::maxLikeValueLength);
    }

    /** Every limit must be at least 1. */
    public InputLimits {
        long[] all = {maxFileBytes, maxNestingDepth, maxStringLength, maxNumberDigits, maxPlaceholdersPerString,
                maxPathSegments, maxLikePatternLength, maxLikeValueLength};
        for (long v : all) {
            if (v < 1) {
                throw new IllegalArgumentException("every input limit must be at least 1, got " + v);
            }
        }
    }

    /** The built-in defaults (4 MiB files, 64 levels, 1 MiB strings, 64-char numbers, 1,000 placeholders, ...). */
    public static InputLimits defaults() {
        return DEFAULTS;
    }

    /** The limits in force in this process. */
    public static InputLimits current() {
        return current;
    }

    /** Replaces the limits in force in this process (for every thread, from the next input read on). */
    public static void overrideDefaults(InputLimits limits) {
        current = Objects.requireNonNull(limits, "limits");
    }

    /** The limit names accepted by {@link #with(String, long)}, in documentation order. */
    public static List<String> names() {
        return List.copyOf(NAMES.keySet());
    }

    /** The value of the limit called {@code name}. */
    public long get(String name) {
        return resolve(name).applyAsLong(this);
    }

    /**
     * A copy with the limit called {@code name} (case-insensitive) set to {@code value}.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or a value below 1 or above
     *                                  {@link Integer#MAX_VALUE} for an int limit
     */
    public InputLimits with(String name, long value) {
        String key = canonicalName(name);
        if (!key.equals("maxFileBytes") && value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + ", got " + value);
        }
        long[] v = NAMES.values().stream().mapToLong(f -> f.applyAsLong(this)).toArray();
        v[names().indexOf(key)] = value;
        return new InputLimits(v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5], (int) v[6], (int) v[7]);
    }

    private static ToLongFunction<InputLimits> resolve(String name) {
        return NAMES.get(canonicalName(name));
    }

    private static String canonicalName(String name) {
        for (String n : NAMES.keySet()) {
            if (n.toLowerCase(Locale.ROOT).equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown input limit '" + name + "'; known limits: "
                + String.join(", ", NAMES.keySet()));
    }
}
