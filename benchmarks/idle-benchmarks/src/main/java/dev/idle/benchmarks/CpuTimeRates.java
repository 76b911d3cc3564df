package dev.idle.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The benchmarks of {@link PlanBenchmarks} measured in operations per second of the benchmark thread's own CPU time
 * instead of wall-clock time. On a shared machine whose other processes take the cores away, JMH's wall-clock
 * throughput drops with the neighbours' load; CPU time does not (it still moves a little with cache pressure), so
 * this is the figure to compare two builds run on a busy machine. Not a replacement for JMH on a quiet machine.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar dev.idle.benchmarks.CpuTimeRates [seconds per round] [rounds]};
 * each benchmark warms up for three rounds, then prints the median, lowest and highest rate of its rounds.
 * Fails with {@link IllegalStateException} when the JVM cannot measure thread CPU time.
 */
public final class CpuTimeRates {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Keeps every result reachable, so the JIT cannot drop the work. */
    private static volatile Object sink;

    private CpuTimeRates() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PlanBenchmarks benchmarks = new PlanBenchmarks();
        benchmarks.workflowFile = args.length > 2 ? args[2] : "";
        benchmarks.load();
        try {
            List<Method> methods = new ArrayList<>();
            for (Method m : PlanBenchmarks.class.getMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    methods.add(m);
                }
            }
            methods.sort(Comparator.comparing(Method::getName));
            for (Method m : methods) {
                for (int i = 0; i < 3; i++) {
                    rate(benchmarks, m, seconds);
                }
                double[] rates = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    rates[i] = rate(benchmarks, m, seconds);
                }
                Arrays.sort(rates);
                System.out.printf(Locale.ROOT, "%-24s %10.0f ops/cpu-s (median of %d; %.0f..%.0f)%n", m.getName(),
                        rates[rounds / 2], rounds, rates[0], rates[rounds - 1]);
            }
        } finally {
            benchmarks.close();
        }
    }

    /** Calls {@code benchmark} until the thread used {@code seconds} of CPU; operations per CPU second. */
    private static double rate(PlanBenchmarks benchmarks, Method benchmark, double seconds)
            throws IllegalAccessException, InvocationTargetException {
        long budget = (long) (seconds * 1e9);
        long start = THREADS.getCurrentThreadCpuTime();
        long used;
        long ops = 0;
        do {
            for (int i = 0; i < 100; i++) {
                sink = benchmark.invoke(benchmarks);
            }
            ops += 100;
            used = THREADS.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        return ops / (used / 1e9);
    }
}
