package dev.idle.cli;

import dev.idle.api.AffectedCount;
import dev.idle.api.BatchRecord;
import dev.idle.api.BatchRunner;
import dev.idle.api.BlastRadius;
import dev.idle.api.ExecutionOptions;
import dev.idle.api.IdleInputException;
import dev.idle.api.MaxAffected;
import dev.idle.api.RequestSource;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The blast-radius guard of {@code idle batch}: {@code --max-affected N|P%} (or the host's
 * {@code executionOptions.maxAffected}; the option wins) and {@code --confirm-affected N}. A request is affected when
 * its plan {@link BlastRadius#affects may change something}.
 *
 * <p>With a requests file, {@link #apply} first plans every request to run ({@link BatchRunner#countAffected}, no
 * write) and refuses the batch with {@link IdleInputException} (exit 2, nothing run, no record written) when more
 * are affected than the limit allows, unless {@code --confirm-affected} repeats that exact count; a confirmation that
 * differs is refused too. A batch that goes ahead keeps a running cap at the limit (or the confirmed count), in case a
 * context read gives another plan the second time. With stdin nothing can be counted in advance: the cap is a running
 * one only, and a percentage or a confirmation is refused. A dry run is never stopped: {@link #report} says how many
 * of its plans would change something and whether a run would stop.
 *
 * <p>{@link #finished} is called by one thread at a time (the batch's record callback).
 */
final class BlastRadiusGuard {
    private final MaxAffected option;
    private final Long confirm;
    private final boolean fromStdin;
    private final boolean dryRun;
    private MaxAffected limit;
    private String limitName;
    private long notRunByCap;
    private long records;
    private long planned;
    private long affected;

    private BlastRadiusGuard(MaxAffected option, Long confirm, boolean fromStdin, boolean dryRun) {
        this.option = option;
        this.confirm = confirm;
        this.fromStdin = fromStdin;
        this.dryRun = dryRun;
    }

    /**
     * Checks the options alone, before anything is opened.
     *
     * @throws IdleInputException naming the option for a bad value, a percentage or a confirmation with stdin
     */
    static BlastRadiusGuard of(String maxAffected, Long confirmAffected, boolean fromStdin, boolean dryRun) {
        MaxAffected option = null;
        if (maxAffected != null) {
            try {
                option = MaxAffected.parse(maxAffected);
            } catch (IllegalArgumentException e) {
                throw new IdleInputException("--max-affected " + e.getMessage());
            }
        }
        if (confirmAffected != null && confirmAffected < 0) {
            throw new IdleInputException("--confirm-affected must be a number of requests from 0, got "
                    + confirmAffected);
        }
        if (fromStdin && confirmAffected != null) {
            throw new IdleInputException("--confirm-affected needs --requests FILE: requests read from stdin cannot"
                    + " be counted before they run");
        }
        BlastRadiusGuard guard = new BlastRadiusGuard(option, confirmAffected, fromStdin, dryRun);
        if (option != null) {
            guard.limit(option, "--max-affected " + option);
        }
        return guard;
    }

    private void limit(MaxAffected max, String name) {
        if (fromStdin && max.isPercent()) {
            throw new IdleInputException(name + " needs --requests FILE: a percentage of requests read from stdin"
                    + " cannot be known in advance");
        }
        this.limit = max;
        this.limitName = name;
    }

    /**
     * Takes the host's limit unless the option gave one, counts the affected requests of a requests file, and returns
     * the runner to run with (its running cap set).
     *
     * @param requests  opens the requests file again for the planning pass; not called for stdin
     * @param selected  the requests the batch will run
     * @throws IdleInputException when the batch must not run (the message says why and how to confirm)
     */
    BatchRunner apply(BatchRunner runner, ExecutionOptions host, String hostName, Supplier<RequestSource> requests,
                      LongPredicate selected, PrintWriter err) {
        takeHostLimit(host, hostName);
        if (dryRun || (limit == null && confirm == null)) {
            return runner;
        }
        if (fromStdin) {
            return runner.withMaxAffected(limit.threshold(0));
        }
        if (limit == null) {
            limitName = "--confirm-affected " + confirm;
        }
        AffectedCount count;
        try (RequestSource source = requests.get()) {
            count = runner.countAffected(source, selected);
        } catch (UncheckedIOException e) {
            throw new IdleInputException("the requests could not be read to the end to count them; nothing was run: "
                    + e.getMessage(), e);
        }
        return runner.withMaxAffected(check(count, Wording.BATCH, err));
    }

    /**
     * For {@code idle submit}: takes the host's limit unless the option gave one and, when there is a limit or a
     * confirmation, counts the affected requests and refuses the submission as {@link #apply} refuses a batch.
     *
     * @param count plans the requests and counts; called only when there is something to check
     * @return the limit the submission carries (its workers check it again when it starts), or null for none
     * @throws IdleInputException when the submission must not be made (the message says why and how to confirm)
     */
    MaxAffected applyToSubmission(ExecutionOptions host, String hostName, Supplier<AffectedCount> count,
                                  PrintWriter err) {
        takeHostLimit(host, hostName);
        if (limit == null && confirm == null) {
            return null;
        }
        if (limit == null) {
            limitName = "--confirm-affected " + confirm;
        }
        check(count.get(), Wording.SUBMIT, err);
        return limit;
    }

    private void takeHostLimit(ExecutionOptions host, String hostName) {
        if (limit == null && host != null && host.maxAffected() != null) {
            limit(host.maxAffected(), "executionOptions.maxAffected " + host.maxAffected() + " (" + hostName + ")");
        }
    }

    /** Refuses (or reports) {@code count} against the limit and confirmation; returns the running cap. */
    private long check(AffectedCount count, Wording w, PrintWriter err) {
        long threshold = limit == null ? -1 : limit.threshold(count.requests());
        String found = count.affected() + " of " + count.selected() + (count.selected() == 1 ? " request" : " requests")
                + " would change something";
        if (confirm != null && confirm != count.affected()) {
            throw new IdleInputException("--confirm-affected " + confirm + " does not match: " + found
                    + "; nothing was " + w.done + ". Check the requests, then repeat with --confirm-affected "
                    + count.affected() + " to " + w.verb + " them.");
        }
        if (confirm == null && count.affected() > threshold) {
            throw new IdleInputException(found + ", more than " + limitName + describe(threshold, count)
                    + "; nothing was " + w.done + ". Repeat with --confirm-affected " + count.affected()
                    + " to " + w.verb + " them anyway.");
        }
        err.println("idle " + w.command + ": " + found + (limit == null ? "" : " (limit " + limitName
                + describe(threshold, count) + ")") + (confirm == null ? "" : "; confirmed"));
        return Math.max(threshold, count.affected());
    }

    /** The words of a command's messages. */
    private enum Wording {
        BATCH("batch", "run", "run"),
        SUBMIT("submit", "submitted", "submit");

        final String command;
        final String done;
        final String verb;

        Wording(String command, String done, String verb) {
            this.command = command;
            this.done = done;
            this.verb = verb;
        }
    }

    private String describe(long threshold, AffectedCount count) {
        return limit.isPercent() ? " = " + threshold + " of the " + count.requests() + " requests" : "";
    }

    /** Notes a finished request: one the cap kept from running, or in a dry run whether its plan would write. */
    void finished(BatchRecord record) {
        records++;
        if (record.status() == BatchRecord.Status.NotRun && record.result() == null) {
            notRunByCap++;
        }
        if (record.plan() != null) {
            planned++;
            affected += BlastRadius.affects(record.plan()) ? 1 : 0;
        }
    }

    /** After the summary: what a dry run would change, or how many requests the running cap kept from running. */
    void report(PrintWriter err) {
        if (dryRun) {
            String line = "idle batch (dry run): " + affected + " of " + planned
                    + (planned == 1 ? " planned request" : " planned requests") + " would change something";
            if (limit != null) {
                long threshold = limit.threshold(records);
                line += affected > threshold ? "; a run would stop: more than " + limitName
                        + (limit.isPercent() ? " = " + threshold : "") + " (confirm with --confirm-affected "
                        + affected + ")" : "; within " + limitName;
            }
            err.println(line);
        } else if (notRunByCap > 0) {
            err.println("idle: the batch reached " + limitName + ": " + notRunByCap
                    + (notRunByCap == 1 ? " request was" : " requests were") + " not run (NotRun)"
                    + (fromStdin ? "" : "; run them later with --retry-failed <results>"));
        }
        err.flush();
    }
}
