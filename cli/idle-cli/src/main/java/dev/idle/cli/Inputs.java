package dev.idle.cli;

import dev.idle.api.Host;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.IdleInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading the files a user passes. */
final class Inputs {
    private Inputs() {
    }

    static LifecycleRequest request(Path file) {
        return LifecycleRequest.load(file);
    }

    static Host host(Path file) {
        return file == null ? null : Host.load(file);
    }

    /**
     * An ISO-8601 instant given to {@code option}; null for null.
     *
     * @throws IdleInputException naming the option, with an example, for anything else
     */
    static Instant instant(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IdleInputException(option + " must be an ISO-8601 instant such as 2027-01-03T02:00:00Z, got '"
                    + text + "'");
        }
    }
}
