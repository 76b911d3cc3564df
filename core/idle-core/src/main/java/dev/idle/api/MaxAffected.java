package dev.idle.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The most requests of a batch that may {@link BlastRadius#affects change something}: a count ({@code 100}) or a
 * percentage of the requests ({@code 5%}, {@code 0.5%}), as {@code idle batch --max-affected} and the host file's
 * {@code executionOptions.maxAffected} spell it. A percentage needs the number of requests first, so it applies only
 * where that is known (a requests file); {@link #threshold} rounds it down.
 *
 * <p>Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MaxAffected {
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,18}");
    private static final Pattern PERCENT = Pattern.compile("([0-9]{1,3}(\\.[0-9]{1,6})?)%");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final long count;
    private final BigDecimal percent;
    private final String text;

    private MaxAffected(long count, BigDecimal percent, String text) {
        this.count = count;
        this.percent = percent;
        this.text = text;
    }

    /** At most {@code n} requests; {@code n >= 0}. */
    public static MaxAffected count(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative, got " + n);
        }
        return new MaxAffected(n, null, Long.toString(n));
    }

    /**
     * Reads {@code 100} or {@code 5%} (surrounding blanks ignored).
     *
     * @throws IllegalArgumentException saying what is expected, for anything else (a negative count, a percentage
     *     above 100, a fraction of a request)
     */
    public static MaxAffected parse(String text) {
        String t = Objects.requireNonNull(text, "text").strip();
        if (COUNT.matcher(t).matches()) {
            return count(Long.parseLong(t));
        }
        var m = PERCENT.matcher(t);
        if (m.matches()) {
            BigDecimal p = new BigDecimal(m.group(1));
            if (p.compareTo(HUNDRED) <= 0) {
                return new MaxAffected(-1, p, t);
            }
        }
        throw new IllegalArgumentException("must be a number of requests (such as 100) or a percentage of the"
                + " requests up to 100% (such as 5%), got '" + t + "'");
    }

    /** True for a percentage of the requests. */
    public boolean isPercent() {
        return percent != null;
    }

    /**
     * The most requests that may change something, of {@code requests} in all: the count, or the percentage of
     * {@code requests} rounded down.
     */
    public long threshold(long requests) {
        if (percent == null) {
            return count;
        }
        return percent.multiply(BigDecimal.valueOf(requests)).divide(HUNDRED, 0, RoundingMode.FLOOR).longValueExact();
    }

    /** As it was given: {@code 100} or {@code 5%}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaxAffected other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
