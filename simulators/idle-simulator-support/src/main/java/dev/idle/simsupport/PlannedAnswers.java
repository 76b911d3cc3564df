package dev.idle.simsupport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Answers a test planned for coming requests, the way simulators offer {@code throttle(...)} and
 * {@code failNext(...)}: "the next N requests with this method whose path matches this pattern" (first added, first
 * used), then "the next request, whatever it is" (in the order added). What an answer is, is up to the simulator.
 * Thread-safe.
 *
 * @param <T> what the simulator plays for a planned request
 */
public final class PlannedAnswers<T> {
    private static final class Matching<T> {
        final String method;
        final Pattern path;
        final T answer;
        int remaining;

        Matching(String method, Pattern path, int remaining, T answer) {
            this.method = method;
            this.path = path;
            this.remaining = remaining;
            this.answer = answer;
        }
    }

    private final List<Matching<T>> matching = new ArrayList<>();
    private final Deque<T> next = new ArrayDeque<>();

    /** The next {@code count} requests with {@code method} (null: any; case ignored) whose path matches {@code path}. */
    public synchronized void forMatching(String method, Pattern path, int count, T answer) {
        matching.add(new Matching<>(method, Objects.requireNonNull(path), count, Objects.requireNonNull(answer)));
    }

    /** The next request not taken by {@link #forMatching}, whatever it is; queued after earlier ones. */
    public synchronized void forNext(T answer) {
        next.add(Objects.requireNonNull(answer));
    }

    /** Takes the answer planned for this request: a matching one first, then the next queued one; null if none. */
    public synchronized T take(String method, String path) {
        for (Matching<T> m : matching) {
            if (m.remaining > 0 && (m.method == null || m.method.equalsIgnoreCase(method))
                    && m.path.matcher(path).matches()) {
                m.remaining--;
                return m.answer;
            }
        }
        return next.poll();
    }
}
