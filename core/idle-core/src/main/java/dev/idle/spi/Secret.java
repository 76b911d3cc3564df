package dev.idle.spi;

import java.util.Arrays;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A secret value (password, token, client secret). Its {@code toString} never reveals it, and the redactor
 * replaces it wherever it appears in output, so a secret that reaches an event or a result by mistake is still hidden.
 */
@API(status = STABLE, since = "0.1")
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /** The secret in clear, for the one call that needs it. */
    public String reveal() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
