package dev.idle.cli;

import dev.idle.api.ExecutionResult;
import dev.idle.api.StepOutcome;
import dev.idle.api.event.IdleEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table {@code idle invoke} prints to stderr for a person: one row per step (step, status, changed, duration),
 * the OnFailure steps after them, the error of each failed step in one line, and the run's status. Durations come
 * from the run's events (a step's {@code …Started} to its {@code …Completed}/{@code …Failed}); a step that did not
 * run shows {@code -}. Stateless; rendering never fails on a result (missing events just leave durations out).
 */
final class RunSummary {
    /** When the table is printed: {@code --summary}, {@code --no-summary}, or by default when stderr is a terminal. */
    enum When { ALWAYS, NEVER, AUTO }

    private RunSummary() {
    }

    /** Whether to print the table: {@code when}, or for AUTO whether stderr looks like a terminal. */
    static boolean wanted(When when) {
        return switch (when) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> stderrIsTerminal();
        };
    }

    /**
     * Whether file descriptor 2 is a terminal, as far as the JDK lets us see: on Linux its link in /proc names a
     * pseudo-terminal or tty; elsewhere a console attached to the JVM stands in (it speaks about stdin/stdout, so
     * a redirected stdout makes this false; {@code --summary} forces the table).
     */
    static boolean stderrIsTerminal() {
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
            // fall through to the console check
        }
        return System.console() != null;
    }

    /** The table as text, lines ending in {@code \n}. */
    static String render(ExecutionResult r) {
        Map<String, Duration> durations = durations(r.events());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STEP", "STATUS", "CHANGED", "DURATION"});
        r.steps().forEach(s -> rows.add(row(s.name(), s, durations.get(key("", s.name())))));
        r.onFailure().steps().forEach(s -> rows.add(row("OnFailure: " + s.name(), s,
                durations.get(key("OnFailure", s.name())))));
        int[] width = new int[4];
        rows.forEach(row -> {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %"
                    + width[3] + "s", (Object[]) row).stripTrailing()).append('\n');
        }
        List<StepOutcome> all = new ArrayList<>(r.steps());
        all.addAll(r.onFailure().steps());
        all.stream().filter(s -> s.error() != null)
                .forEach(s -> out.append(s.name()).append(": ").append(oneLine(s.error())).append('\n'));
        out.append("Run ").append(r.status().name()).append(" (").append(r.steps().size())
                .append(r.steps().size() == 1 ? " step" : " steps").append(", ")
                .append(r.steps().stream().filter(StepOutcome::changed).count()).append(" changed)")
                .append(r.onFailure().steps().isEmpty() ? "" : "; OnFailure " + r.onFailure().status().name())
                .append('\n');
        return out.toString();
    }

    private static String[] row(String name, StepOutcome s, Duration d) {
        return new String[] {name, s.status().name(), s.changed() ? "yes" : "no", d == null ? "-" : format(d)};
    }

    /** {@code 12 ms}, {@code 1.5 s}, {@code 2 min 05 s}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, (ms / 1000) % 60);
    }

    private static String oneLine(String text) {
        return text.replace("\r", "").replace('\n', ' ');
    }

    private static String key(String list, String step) {
        return list + "|" + step;
    }

    private static Map<String, Duration> durations(List<IdleEvent> events) {
        Map<String, Instant> started = new HashMap<>();
        Map<String, Duration> out = new HashMap<>();
        for (IdleEvent e : events) {
            if (e.stepName() == null || e.timestampUtc() == null) {
                continue;
            }
            String list = e.type().startsWith("OnFailure") ? "OnFailure" : "";
            String type = list.isEmpty() ? e.type() : e.type().substring("OnFailure".length());
            switch (type) {
                case "StepStarted" -> started.put(key(list, e.stepName()), e.timestampUtc());
                case "StepCompleted", "StepFailed" -> {
                    Instant start = started.get(key(list, e.stepName()));
                    if (start != null) {
                        out.put(key(list, e.stepName()), Duration.between(start, e.timestampUtc()));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }
}
