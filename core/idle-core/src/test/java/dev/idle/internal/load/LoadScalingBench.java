package dev.idle.internal.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A small benchmark, run by hand (not a test): times {@link DataFileLoader#loadString} on 1, 2, 4 and 8 MiB
 * inputs of each syntax and prints the best CPU time of the loading thread (excluding other threads such as the
 * garbage collector's) with its ratio to the previous size. Linear loading shows ratios near 2.
 * See docs/performance.md for how to run it and the figures measured.
 *
 * <p>Each input is a request-like list of records (strings, numbers, booleans, one nested map each) plus one long
 * string, so that both many small values and one large one are read.
 */
public final class LoadScalingBench {
    /** CPU time of the loading thread: on a shared machine wall time mostly measures the neighbours. */
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private LoadScalingBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (String syntax : new String[] {"json", "yaml", "psd1"}) {
            String warmUp = input(syntax, 8 << 20); // the JIT compiles the hot paths before anything is timed
            for (int warm = 0; warm < 4; warm++) {
                DataFileLoader.loadString(warmUp, "bench." + syntax);
            }
            double previous = 0;
            for (int mb = 1; mb <= 8; mb *= 2) {
                String text = input(syntax, mb << 20);
                long best = Long.MAX_VALUE;
                for (int r = 0; r < rounds; r++) {
                    long t0 = THREAD.getCurrentThreadCpuTime();
                    DataFileLoader.loadString(text, "bench." + syntax);
                    best = Math.min(best, THREAD.getCurrentThreadCpuTime() - t0);
                }
                double ms = best / 1e6;
                System.out.println(String.format(Locale.ROOT, "%-5s %d MiB  %8.1f ms  ratio %s", syntax, mb, ms,
                        previous == 0 ? "-" : String.format(Locale.ROOT, "%.2f", ms / previous)));
                previous = ms;
            }
        }
    }

    static String input(String syntax, int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 4096);
        String longText = "x".repeat(Math.min(bytes / 4, 512 * 1024));
        switch (syntax) {
            case "json" -> {
                sb.append("{\"Long\": \"").append(longText).append("\", \"Items\": [\n");
                for (int i = 0; sb.length() < bytes; i++) {
                    sb.append(i == 0 ? "" : ",\n").append("{\"Id\": \"user").append(i)
                            .append("\", \"Mail\": \"user").append(i).append("@example.com\", \"Age\": ").append(i % 90)
                            .append(", \"Score\": ").append(i).append(".25, \"Active\": true, \"Tags\": {\"Dept\": \"IT\"}}");
                }
                sb.append("\n]}");
            }
            case "yaml" -> {
                sb.append("Long: ").append(longText).append("\nItems:\n");
                for (int i = 0; sb.length() < bytes; i++) {
                    sb.append("  - Id: user").append(i).append("\n    Mail: user").append(i)
                            .append("@example.com\n    Age: ").append(i % 90).append("\n    Score: ").append(i)
                            .append(".25\n    Active: true\n    Tags:\n      Dept: IT\n");
                }
            }
            default -> {
                sb.append("@{ Long = '").append(longText).append("'\n  Items = @(\n");
                for (int i = 0; sb.length() < bytes; i++) {
                    sb.append("    @{ Id = 'user").append(i).append("'; Mail = 'user").append(i)
                            .append("@example.com'; Age = ").append(i % 90).append("; Score = ").append(i)
                            .append(".25; Active = $true; Tags = @{ Dept = 'IT' } }\n");
                }
                sb.append("  ) }");
            }
        }
        return sb.toString();
    }
}
