package dev.idle.api;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Bad input: a file that cannot be read or parsed, or data that breaks the schema. Each problem names the file and,
 * where known, {@code line:column} or the key at fault ({@code workflow.psd1:12:5: script blocks are not allowed}).
 */
@API(status = STABLE, since = "0.1")
public class IdleInputException extends IdleException {
    public IdleInputException(String problem) {
        super(problem);
    }

    public IdleInputException(String problem, Throwable cause) {
        super(problem, cause);
    }

    /** Several problems; the message is the heading followed by one {@code - problem} line each. */
    public IdleInputException(String heading, List<String> problems) {
        super(format(heading, problems), problems, null);
    }

    static String format(String heading, List<String> problems) {
        StringBuilder sb = new StringBuilder(heading);
        for (String p : problems) {
            sb.append("\n- ").append(p);
        }
        return sb.toString();
    }
}
