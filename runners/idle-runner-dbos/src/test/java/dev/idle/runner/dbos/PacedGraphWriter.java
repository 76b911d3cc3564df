package dev.idle.runner.dbos;

import dev.idle.provider.support.http.HttpAnswer;
import dev.idle.provider.support.http.HttpCaller;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.ratelimit.RateLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A worker's writes for {@link DistributedWritePaceGraphTest}: revokes sessions of one Graph simulator user through
 * {@link HttpCaller} limited to 20 writes/s, many threads at once, with a {@link PostgresWritePace} installed
 * JVM-wide. Run in the test's JVM, and by {@link #main} in a child JVM (a second worker).
 */
final class PacedGraphWriter {
    static final RateLimit LIMIT = RateLimit.writesPerSecond(20);

    private PacedGraphWriter() {
    }

    /**
     * Child JVM: {@code <schema> <target> <graph base URL> <user id> <writes>}; the token comes from
     * {@code IDLE_TEST_TOKEN}, the simulator's trust store from {@code IDLE_TEST_TRUSTSTORE},
     * {@code IDLE_TEST_TRUSTSTORE_PASSWORD} and {@code IDLE_TEST_TRUSTSTORE_TYPE}. Exits 0 when every write got 204.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("javax.net.ssl.trustStore", System.getenv("IDLE_TEST_TRUSTSTORE"));
        System.setProperty("javax.net.ssl.trustStorePassword", System.getenv("IDLE_TEST_TRUSTSTORE_PASSWORD"));
        System.setProperty("javax.net.ssl.trustStoreType", System.getenv("IDLE_TEST_TRUSTSTORE_TYPE"));
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(System.getenv());
        try (PostgresWritePace pace = new PostgresWritePace(settings, args[0])) {
            int failed = write(pace, SSLContext.getDefault(), args[1], URI.create(args[2]), args[3],
                    System.getenv("IDLE_TEST_TOKEN"), Integer.parseInt(args[4]));
            System.exit(failed == 0 ? 0 : 1);
        }
    }

    /** Installs {@code pace} JVM-wide and sends {@code writes} writes from 8 threads; returns how many failed. */
    static int write(PostgresWritePace pace, SSLContext tls, String target, URI graph, String userId, String token,
                     int writes) throws Exception {
        RateLimits.useSharedPace(pace);
        HttpCaller caller = HttpCaller.builder(HttpClient.newBuilder().sslContext(tls).build(), "Graph")
                .rateLimit(LIMIT).build();
        HttpRequest revoke = HttpRequest.newBuilder(URI.create(graph + "/users/" + userId + "/revokeSignInSessions"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                answers.add(threads.submit(() -> caller.send(revoke, "Graph POST revokeSignInSessions", target)));
            }
            int failed = 0;
            for (Future<HttpAnswer> a : answers) {
                int status = a.get(5, TimeUnit.MINUTES).status();
                if (status < 200 || status > 299) {
                    failed++;
                }
            }
            return failed;
        } finally {
            threads.shutdown();
            RateLimits.useSharedPace(null);
        }
    }

    /** The command line of a child JVM running {@link #main} (its environment is set by the caller). */
    static List<String> childCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PacedGraphWriter.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
