package dev.idle.runner.dbos;

import dev.idle.api.Host;
import dev.idle.api.LifecycleRequest;
import dev.idle.provider.support.ratelimit.RateLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker process of {@link DistributedKillWorkerTest}: joins the cluster with recovery on and the shared write pace
 * installed, submits its share of the leavers locally, prints {@code submitted N}, and works until a line
 * {@code stop} (or the end) arrives on its standard input — unless it is killed first.
 *
 * <p>Arguments: {@code <executor id> <DBOS schema> <host file> <workflow file> <users file> <first> <count>}; the
 * database from {@code IDLE_PG_URL}, {@code IDLE_PG_USER}, {@code IDLE_PG_PASSWORD_FILE}, the host's secrets from
 * its environment variables.
 */
final class LeaverWorker {
    /** Lease and watchdog of the test's workers: a dead worker's runs move within about 4 s. */
    static final RecoveryOptions RECOVERY = RecoveryOptions.defaults().withLeaseLength(Duration.ofSeconds(3))
            .withWatchdogInterval(Duration.ofSeconds(1)).withAdvertisedHost("127.0.0.1");
    /** Above the host's HTTP timeout (10 s): a write of a killed worker holds its place at most that long. */
    static final Duration GIVE_UP = Duration.ofSeconds(12);

    private LeaverWorker() {
    }

    /** Request runs at once per worker: enough that the shared 20 writes/s, not the queue, sets the pace. */
    private static final int IN_FLIGHT = 16;

    public static void main(String[] args) throws Exception {
        String executor = args[0];
        String dbosSchema = args[1];
        List<String> users = Files.readAllLines(Path.of(args[4]), StandardCharsets.UTF_8);
        int first = Integer.parseInt(args[5]);
        int count = Integer.parseInt(args[6]);
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(System.getenv());
        try (Host host = Host.load(Path.of(args[2]));
             PostgresWritePace pace = new PostgresWritePace(settings, dbosSchema + "_pace", GIVE_UP)) {
            RateLimits.useSharedPace(pace);
            try (DbosRunner worker = DbosRunner.builder(settings).workflow(Path.of(args[3]))
                    .providers(host.providers()).executionOptions(host.executionOptions())
                    .databaseSchema(dbosSchema).executorId(executor).recovery(RECOVERY)
                    .concurrency(IN_FLIGHT).start()) {
                List<String> ids = new ArrayList<>();
                for (int i = first; i < first + count; i++) {
                    ids.add(worker.submit(leaver(i, users.get(i))).id());
                }
                System.out.println("submitted " + ids.size());
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.equals("stop"));
            } finally {
                RateLimits.useSharedPace(null);
            }
        }
        System.exit(0);
    }

    /** The leaver of user number {@code i}: correlation id {@code leaver-<i>}, identity key {@code Id}. */
    static LifecycleRequest leaver(int i, String userId) {
        return LifecycleRequest.builder("Leaver").correlationId(correlationId(i)).actor("hr-sync")
                .identityKey("Id", userId).build();
    }

    static String correlationId(int i) {
        return "leaver-" + i;
    }

    /** The command line of a worker process (its environment is set by the caller). */
    static List<String> command(Path logFile, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.logFile=" + logFile,
                "-Dorg.slf4j.simpleLogger.log.dev.idle.runner=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", System.getProperty("java.class.path"), LeaverWorker.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
