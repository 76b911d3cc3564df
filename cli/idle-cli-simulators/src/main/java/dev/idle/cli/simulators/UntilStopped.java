package dev.idle.cli.simulators;

import dev.idle.simsupport.SimulatorDurations;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * What the simulator commands share (a picocli mixin): {@code --help}, the hidden {@code --stop-after}, and keeping a
 * started simulator running until Ctrl-C (a shutdown hook closes it) or until {@code --stop-after} has passed.
 */
final class UntilStopped {
    @Option(names = "--stop-after", paramLabel = "<duration>", hidden = true,
            description = "Stop after this long (for scripted runs and tests).")
    String stopAfter;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Blocks until Ctrl-C, {@code --stop-after} or an interrupt; {@code close} has run when it returns. */
    void await(Runnable close, String threadName) throws InterruptedException {
        long stopAfterMillis = stopAfter == null ? -1 : SimulatorDurations.parse(stopAfter).toMillis();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            close.run();
            stopped.countDown();
        }, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (stopAfterMillis >= 0) {
                stopped.await(stopAfterMillis, TimeUnit.MILLISECONDS);
            } else {
                stopped.await();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            close.run();
        }
    }
}
