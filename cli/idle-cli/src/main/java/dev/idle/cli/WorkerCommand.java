package dev.idle.cli;

import dev.idle.api.Host;
import dev.idle.api.IdleInputException;
import dev.idle.provider.support.ratelimit.RateLimits;
import dev.idle.runner.dbos.DatabaseSettings;
import dev.idle.runner.dbos.DbosRunner;
import dev.idle.runner.dbos.PostgresWritePace;
import dev.idle.runner.dbos.RecoveryOptions;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code idle worker --host <file> [--db URL] [--db-user U] [--db-password-file F] [--db-schema S] [--concurrency N]
 * [--executor-id ID] [--lease 15s] [--watchdog-interval 5s] [--admin-port P] [--advertise-host H] [--no-recovery]}:
 * joins the workers of a database and runs what is submitted to it ({@link DbosRunner}) until
 * SIGTERM or Ctrl-C, then stops taking up work and closes (runs in flight are resumed by the next worker started with
 * the same executor id). The worker holds the host: providers and their secrets, which never reach the database.
 * It paces each target's writes through {@link PostgresWritePace}, so all workers together keep a target's rate, and
 * takes part in recovery ({@link RecoveryOptions}: a lease, and the watchdog that hands a dead worker's runs to a
 * live one) unless {@code --no-recovery}.
 *
 * <p>Exit 0 after a clean stop; 2 for bad input (host, options, an unreachable password file) before it joins.
 */
@Command(name = "worker", description = "Run submitted work: join the workers of a PostgreSQL database until stopped.")
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--host", required = true, paramLabel = "<file>",
            description = "Host file: providers, auth sessions, retry profiles.")
    Path host;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "8",
            description = "Requests this worker runs at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--executor-id", paramLabel = "<id>",
            description = "This worker's id: a worker restarted with the same id resumes the runs it left. Workers"
                    + " running at the same time need different ids (default: the host name).")
    String executorId;

    @Option(names = "--no-recovery", description = "Take no part in recovery: keep no lease and run no watchdog"
            + " (this worker's unfinished runs then wait for it to start again with the same executor id).")
    boolean noRecovery;

    @Option(names = "--lease", paramLabel = "<duration>", defaultValue = "15s",
            description = "How long this worker counts as alive after its last heartbeat (default ${DEFAULT-VALUE}).")
    String lease;

    @Option(names = "--watchdog-interval", paramLabel = "<duration>", defaultValue = "5s",
            description = "How often the active watchdog looks for dead workers (default ${DEFAULT-VALUE}). A dead"
                    + " worker's runs move to a live one within --lease plus this.")
    String watchdogInterval;

    @Option(names = "--admin-port", paramLabel = "<port>", defaultValue = "0",
            description = "Port of this worker's DBOS admin server, which the watchdog calls to hand it a dead"
                    + " worker's runs (default: a free port). Keep it reachable by the other workers only.")
    int adminPort;

    @Option(names = "--advertise-host", paramLabel = "<host>",
            description = "Host name or address the other workers reach this one's admin server at (default: this"
                    + " machine's host name).")
    String advertiseHost;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stop;
    /** Counted down once the worker has closed (or never started). */
    private final CountDownLatch stopped = new CountDownLatch(1);

    WorkerCommand() {
        this(null);
    }

    /** @param stop ends the worker when counted down (tests); null: a JVM shutdown (SIGTERM, Ctrl-C) ends it */
    WorkerCommand(CountDownLatch stop) {
        this.stop = stop;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (concurrency < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--concurrency must be at least 1, got " + concurrency);
        }
        PrintWriter err = spec.commandLine().getErr();
        String id = executorId != null ? executorId : hostName();
        DatabaseSettings settings = db.settings(System::getenv);
        String schema = db.schema();
        RecoveryOptions recovery = noRecovery ? null : recoveryOptions();
        try (Host h = Host.load(host);
             PostgresWritePace pace = new PostgresWritePace(settings, DbosRunner.runnerSchemaBeside(schema))) {
            // every worker paces each target's writes together with the others, not at the full rate each
            RateLimits.useSharedPace(pace);
            try (DbosRunner worker = DbosRunner.builder(settings).providers(h.providers())
                    .executionOptions(h.executionOptions()).databaseSchema(schema).executorId(id)
                    .concurrency(concurrency).recovery(recovery).start()) {
                err.println("idle worker: " + id + " runs submitted work (" + concurrency + " at once); "
                        + (recovery == null ? "recovery off" : "a dead worker's runs move to a live one within "
                        + recovery.takeOverTime().toSeconds() + " s") + "; stop with SIGTERM or Ctrl-C");
                err.flush();
                awaitStop();
                err.println("idle worker: " + id + " stopping; runs in flight resume when it starts again");
                err.flush();
            } finally {
                RateLimits.useSharedPace(null);
            }
        } finally {
            stopped.countDown();
        }
        return IdleCli.OK;
    }

    /** Returns when the test's latch is counted down, or when the JVM shuts down (SIGTERM, Ctrl-C). */
    private void awaitStop() throws InterruptedException {
        if (stop != null) {
            stop.await();
            return;
        }
        CountDownLatch shutdown = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.countDown();
            awaitQuietly(stopped); // the JVM ends when this hook returns: let the worker close first
        }, "idle-worker-shutdown"));
        shutdown.await();
    }

    private RecoveryOptions recoveryOptions() {
        if (adminPort < 0 || adminPort > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--admin-port must be 0..65535, got " + adminPort);
        }
        RecoveryOptions options = RecoveryOptions.defaults().withLeaseLength(Inputs.duration(lease, "--lease"))
                .withWatchdogInterval(Inputs.duration(watchdogInterval, "--watchdog-interval"))
                .withAdminPort(adminPort);
        return advertiseHost == null ? options : options.withAdvertisedHost(advertiseHost);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IdleInputException("--executor-id is required: this machine's host name is unknown");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
