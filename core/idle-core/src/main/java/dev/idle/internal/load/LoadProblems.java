package dev.idle.internal.load;

import dev.idle.api.IdleInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems found in one input file, each formatted {@code <file>:<line>:<column>: <message>}, so a user
 * sees every problem the loader could find in one go rather than fixing them one run at a time.
 */
final class LoadProblems {
    private final String fileName;
    private final List<String> problems = new ArrayList<>();

    LoadProblems(String fileName) {
        this.fileName = fileName;
    }

    void add(int line, int column, String message) {
        problems.add(fileName + ":" + line + ":" + column + ": " + message);
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
        throw new IdleInputException(fileName + ": " + problems.size() + " problems", problems);
    }
}
