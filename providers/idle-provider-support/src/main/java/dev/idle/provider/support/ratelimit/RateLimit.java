package dev.idle.provider.support.ratelimit;

import dev.idle.api.data.Values;
import java.util.Locale;
import java.util.Map;

/**
 * How fast a provider may write to one target: {@link #writesPerSecond()} paced smoothly (no burst), or
 * {@link #NONE} (no pacing; a server's {@code Retry-After} still pauses the target). Reads are never paced: vendors'
 * read ceilings are far above what one engine run reaches, and a throttled read still pauses the target.
 *
 * <p>In a host file: {@code rateLimit: { writesPerSecond: 20 }} or {@code rateLimit: none}; see
 * {@link #parse(Object, String, RateLimit)}. Immutable.
 *
 * @param writesPerSecond the configured write rate; 0 for {@link #NONE}
 */
public record RateLimit(double writesPerSecond) {
    /** No pacing. */
    public static final RateLimit NONE = new RateLimit(0);
    /** The highest rate a host file may set. */
    public static final double MAX_WRITES_PER_SECOND = 10_000;

    public RateLimit {
        if (!(writesPerSecond >= 0 && writesPerSecond <= MAX_WRITES_PER_SECOND)) {
            throw new IllegalArgumentException("writesPerSecond must be from 0 to " + MAX_WRITES_PER_SECOND);
        }
    }

    /** A limit of {@code writesPerSecond} writes per second (greater than 0). */
    public static RateLimit writesPerSecond(double writesPerSecond) {
        if (writesPerSecond <= 0) {
            throw new IllegalArgumentException("writesPerSecond must be greater than 0");
        }
        return new RateLimit(writesPerSecond);
    }

    /** True when writes are paced. */
    public boolean limited() {
        return writesPerSecond > 0;
    }

    /**
     * Reads the host-file option {@code rateLimit}: absent gives {@code dflt}; {@code none} (any case) or
     * {@code false} gives {@link #NONE}; a map {@code { writesPerSecond: N }} with N a number greater than 0 and at
     * most {@link #MAX_WRITES_PER_SECOND} gives that rate.
     *
     * @param at the message prefix, e.g. {@code "Entra ID provider 'Identity'"}
     * @throws IllegalArgumentException naming {@code rateLimit} or {@code rateLimit.writesPerSecond} for anything else
     */
    public static RateLimit parse(Object value, String at, RateLimit dflt) {
        if (value == null) {
            return dflt;
        }
        if (value instanceof String s && s.trim().equalsIgnoreCase("none") || Boolean.FALSE.equals(value)) {
            return NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(at + ": option 'rateLimit' must be 'none' or a map"
                    + " { writesPerSecond: N }, got '" + Values.ps(value) + "'.");
        }
        Object rate = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!key.equalsIgnoreCase("writesPerSecond")) {
                throw new IllegalArgumentException(at + ": option 'rateLimit." + key + "' is not supported."
                        + " Supported: writesPerSecond.");
            }
            rate = e.getValue();
        }
        if (rate == null) {
            throw new IllegalArgumentException(at + ": option 'rateLimit.writesPerSecond' is required (or write"
                    + " 'rateLimit: none').");
        }
        return writesPerSecond(positive(rate, at));
    }

    private static double positive(Object rate, String at) {
        double n = Double.NaN;
        if (rate instanceof Number num) {
            n = num.doubleValue();
        } else if (rate instanceof String s) {
            try {
                n = Double.parseDouble(s.trim().toLowerCase(Locale.ROOT));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (n > 0 && n <= MAX_WRITES_PER_SECOND) {
            return n;
        }
        throw new IllegalArgumentException(at + ": option 'rateLimit.writesPerSecond' must be a number greater than"
                + " 0 and at most 10000, got '" + Values.ps(rate) + "'.");
    }

    @Override
    public String toString() {
        return limited() ? writesPerSecond + " writes/s" : "none";
    }
}
