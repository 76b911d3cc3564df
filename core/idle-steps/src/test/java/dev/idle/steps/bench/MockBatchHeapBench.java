package dev.idle.steps.bench;

import dev.idle.api.ExecutionResult;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.RunStatus;
import dev.idle.api.data.DataMap;
import dev.idle.provider.mock.MockProvider;
import dev.idle.provider.mock.MockProviderBuilder;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 14's "100,000 requests, mock provider, -Xmx256m, heap flat": plans and runs a leaver (disable, revoke sessions,
 * with an auth session carrying a secret) once per request against one in-memory mock through the public library API
 * ({@link Idle#plan}, {@link Idle#invokePlan}), calling the batch flush point after each request like a batch runner,
 * on N threads; after every 10,000 requests (all workers idle) it prints the heap used after a full GC. A {@code main},
 * not a test (figures are not assertions):
 * <pre>
 * java -Xmx256m -cp core/idle-steps/target/test-classes:core/idle-steps/target/classes:$(cat cp.txt) \
 *     dev.idle.steps.bench.MockBatchHeapBench [requests=100000] [threads=4] [identities=10000]
 * </pre>
 * Requests cycle over a fixed pool of identities, so the mock's current state stays the same size and any growth of
 * the heap is a leak per request.
 */
public final class MockBatchHeapBench {
    private static final String LEAVER = """
            Name: Leaver bench
            LifecycleEvent: Leaver
            Steps:
              - Name: Disable account
                Type: IdLE.Step.DisableIdentity
                With:
                  IdentityKey: "{{Request.IdentityKeys.Id}}"
                  AuthSessionName: Directory
              - Name: Revoke sign-in sessions
                Type: IdLE.Step.RevokeIdentitySessions
                With:
                  IdentityKey: "{{Request.IdentityKeys.Id}}"
                  AuthSessionName: Directory
            """;
    private static final int REPORT_EVERY = 10_000;

    private MockBatchHeapBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int identities = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;

        MockProviderBuilder builder = MockProvider.builder();
        for (int i = 0; i < identities; i++) {
            builder.identity("user-" + i, id -> id.attribute("Department", "IT").session("s1", "Outlook"));
        }
        MockProvider mock = builder.build();
        AtomicInteger sessionsIssued = new AtomicInteger();
        Providers providers = Providers.builder().provider("Identity", mock)
                .broker((name, options) -> AuthSession.of(name, "OAuth", DataMap.of("TenantId", "contoso"),
                        Secret.of("token-" + sessionsIssued.incrementAndGet() + "-" + "x".repeat(2_000))))
                .build();
        Idle idle = Idle.create();
        DataMap workflow = idle.parseWorkflow(LEAVER, "leaver-bench.yaml");

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf("requests=%d threads=%d identities=%d maxHeap=%d MiB%n", requests, threads, identities,
                memory.getHeapMemoryUsage().getMax() >> 20);
        System.out.printf("%9s %14s %10s%n", "done", "heapAfterGC", "req/s");
        System.out.printf("%9d %10.1f MiB %10s%n", 0, heapAfterGc(memory), "-");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger failed = new AtomicInteger();
        try {
            for (int done = 0; done < requests; ) {
                int chunk = Math.min(REPORT_EVERY, requests - done);
                long start = System.nanoTime();
                runChunk(pool, threads, done, chunk, identities, idle, workflow, providers, mock, failed);
                double seconds = (System.nanoTime() - start) / 1e9;
                done += chunk;
                System.out.printf("%9d %10.1f MiB %10.0f%n", done, heapAfterGc(memory), chunk / seconds);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("failed=%d receivedSessionsKept=%d sessionsIssued=%d%n", failed.get(),
                mock.receivedSessions().size(), sessionsIssued.get());
    }

    private static void runChunk(ExecutorService pool, int threads, int first, int count, int identities, Idle idle,
                                 DataMap workflow, Providers providers, MockProvider mock, AtomicInteger failed)
            throws Exception {
        AtomicInteger next = new AtomicInteger(first);
        int end = first + count;
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < end; n = next.getAndIncrement()) {
                    LifecycleRequest request = LifecycleRequest.create("Leaver", "corr-" + n, "bench",
                            Map.of("Id", "user-" + (n % identities)), Map.of(), Map.of());
                    Plan plan = idle.plan(workflow, request, providers, "leaver-bench.yaml");
                    ExecutionResult result = idle.invokePlan(plan).providers(providers).run();
                    mock.afterRequest();
                    if (result.status() != RunStatus.Completed) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
    }

    private static double heapAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
