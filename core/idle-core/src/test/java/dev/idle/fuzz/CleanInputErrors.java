package dev.idle.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.IdleInputException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The contract every property over hostile input states: a call ends in a value or in a clean
 * {@link IdleInputException}, one whose message is not blank, names the source, shows no {@code :0:0:} position and
 * no parser internals. Any other exception, and any {@link Error} (StackOverflowError, OutOfMemoryError), fails the
 * property with the throwable as its cause.
 */
public final class CleanInputErrors {
    /** Words that show a parser's internals leaked into a user's message. */
    private static final List<String> INTERNALS = List.of("com.fasterxml", "jackson", "JsonParseException",
            "JsonMappingException", "StreamConstraintsException", "snakeyaml", "MarkedYAMLException",
            "NullPointerException", "IllegalArgumentException", "IllegalStateException", "ClassCastException");

    private CleanInputErrors() {
    }

    /**
     * Runs {@code call}; returns its value, or null when it ended in a clean input error for {@code source}.
     *
     * @throws AssertionError when it ended in anything else
     */
    public static <T> T valueOrCleanError(String source, Callable<T> call) {
        try {
            return call.call();
        } catch (IdleInputException e) {
            assertClean(e, source);
            return null;
        } catch (Throwable t) {
            throw new AssertionError("expected a value or an IdleInputException naming " + source + ", got "
                    + t.getClass().getName() + ": " + abbreviate(t.getMessage()), t);
        }
    }

    /** Asserts that {@code e}'s message is fit for a user: not blank, names {@code source}, no internals. */
    public static void assertClean(IdleInputException e, String source) {
        String message = e.getMessage();
        assertThat(message).as("message of %s", e).isNotBlank().contains(source).doesNotContain(":0:0:");
        for (String word : INTERNALS) {
            assertThat(message.toLowerCase(java.util.Locale.ROOT)).as("message: %s", abbreviate(message))
                    .doesNotContain(word.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A message cut to a length a report can show. */
    public static String abbreviate(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }
}
