package dev.idle.internal.load;

import dev.idle.api.IdleInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems found in one input file, each formatted {@code <file>:<line>:<column>: <message>}, so a user
 * sees every problem the loader could find in one go rather than fixing them one run at a time. Only the first
 * {@value #LISTED} are kept (a hostile file can hold millions of the same problem); the rest are counted.
 */
final class LoadProblems {
    private final String fileName;
    /** Lines before the text read (a JSON Lines record is parsed on its own but named by its line in the file). */
    private final long linesBefore;
    static final int LISTED = 100;

    private final List<String> problems = new ArrayList<>();
    private int total;

    LoadProblems(String fileName) {
        this(fileName, 0);
    }

    LoadProblems(String fileName, long linesBefore) {
        this.fileName = fileName;
        this.linesBefore = linesBefore;
    }

    void add(int line, int column, String message) {
        total++;
        if (problems.size() < LISTED) {
            problems.add(fileName + ":" + (linesBefore + line) + ":" + column + ": " + message);
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** One problem is thrown as its own message; several are listed under a {@code <file>: <n> problems} heading. */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw new IdleInputException(problems.get(0));
        }
        List<String> listed = new ArrayList<>(problems);
        if (total > listed.size()) {
            listed.add("... and " + (total - listed.size()) + " more");
        }
        throw new IdleInputException(fileName + ": " + total + " problems", listed);
    }
}
