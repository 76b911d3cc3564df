package dev.idle.api;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Base of the engine's checked-by-convention failures. {@link #problems()} lists every problem found, so a caller can
 * show all of them at once.
 */
@API(status = STABLE, since = "0.1")
public class IdleException extends RuntimeException {
    private final List<String> problems;

    public IdleException(String message) {
        this(message, List.of(message), null);
    }

    public IdleException(String message, Throwable cause) {
        this(message, List.of(message), cause);
    }

    protected IdleException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
