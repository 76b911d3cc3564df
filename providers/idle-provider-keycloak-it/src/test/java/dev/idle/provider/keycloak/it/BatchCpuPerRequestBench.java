package dev.idle.provider.keycloak.it;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The CPU time the whole process spends per revocation, {@code idle batch} against the plain loop of
 * {@link BatchThroughputBench}, both against the in-process Graph simulator without a limit (docs/performance.md).
 * Unlike a rate, process CPU time hardly moves with the other jobs on a shared machine, so it compares two builds
 * of the engine. Arguments: identities per round, concurrency, rounds; three warm-up rounds of 1,000 come first.
 * A {@code main}, not a test.
 */
public final class BatchCpuPerRequestBench {
    private BatchCpuPerRequestBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int conc = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path dir = Files.createTempDirectory("cpu-per-request");
        try (GraphThroughput g = new GraphThroughput(dir, 0, true, Duration.ZERO)) {
            for (int w = 0; w < 3; w++) {
                g.idleBatch(g.users(1000), conc);
                g.plainLoop(g.users(1000), conc);
            }
            List<Double> idle = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                idle.add(cpuMicrosPerRequest(os, g.users(n), ids -> g.idleBatch(ids, conc)));
                plain.add(cpuMicrosPerRequest(os, g.users(n), ids -> g.plainLoop(ids, conc)));
                System.out.printf("round %d: idle %.0f us/request, plain %.0f us/request%n", r, idle.get(r), plain.get(r));
            }
            Collections.sort(idle);
            Collections.sort(plain);
            double mi = idle.get(idle.size() / 2);
            double mp = plain.get(plain.size() / 2);
            System.out.printf("median: idle %.0f us, plain %.0f us, idle - plain %.0f us, plain / idle %.2f%n",
                    mi, mp, mi - mp, mp / mi);
        }
    }

    private interface Side {
        void run(List<String> ids) throws Exception;
    }

    /** The process CPU time of one run over {@code ids}, per identity, after a GC so the last run's garbage is gone. */
    private static double cpuMicrosPerRequest(com.sun.management.OperatingSystemMXBean os, List<String> ids,
                                              Side side) throws Exception {
        System.gc();
        long before = os.getProcessCpuTime();
        side.run(ids);
        return (os.getProcessCpuTime() - before) / 1000.0 / ids.size();
    }
}
