package dev.idle.api;

import java.util.List;

/**
 * Base of the engine's checked-by-convention failures. {@link #problems()} lists every problem found, so a caller can
 * show all of them at once.
 *
 * <p>Stability: stable.
 */
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
