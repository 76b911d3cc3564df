package dev.idle.examples;

import dev.idle.api.AffectedCount;
import dev.idle.api.BatchRunner;
import dev.idle.api.BatchSummary;
import dev.idle.api.Idle;
import dev.idle.api.MaxAffected;
import dev.idle.api.Providers;
import dev.idle.api.RequestSource;
import dev.idle.provider.mock.MockProvider;
import java.nio.file.Path;

/**
 * Counts, before any write, how many requests of a file would change something, refuses the batch above a limit,
 * and otherwise runs it with that limit as a running cap: the blast-radius code of docs/library.md, compiled and run
 * by the build (idle-cli's BatchBlastRadiusExampleTest, which also checks the page shows exactly this code).
 */
public final class BlastRadiusExample {
    private BlastRadiusExample() {
    }

    /** @throws IllegalStateException when more requests would change something than {@code maxAffected} allows */
    public static BatchSummary run(Path workflow, Path requestsFile, String maxAffected) {
        MockProvider directory = MockProvider.builder().identity("jdoe", user -> user.session("s1", "Outlook"))
                .identity("asmith", user -> user.session("s2", "Teams")).identity("bking", user -> { }).build();
        try (Providers providers = Providers.builder().provider("Identity", directory).build()) {
            // doc:begin
            BatchRunner batch = Idle.create().batch().workflow(workflow).providers(providers).concurrency(8).build();
            AffectedCount count;
            try (RequestSource requests = RequestSource.open(requestsFile, null)) {
                count = batch.countAffected(requests);          // plans every request, writes nothing
            }
            long limit = MaxAffected.parse(maxAffected).threshold(count.requests());
            if (count.affected() > limit) {
                throw new IllegalStateException(count.affected() + " of " + count.requests()
                        + " requests would change something, more than " + maxAffected);
            }
            try (RequestSource requests = RequestSource.open(requestsFile, null)) {
                return batch.withMaxAffected(limit).run(requests, record -> System.out.println(record.toJsonLine()));
            }
            // doc:end
        }
    }

    public static void main(String[] args) {
        run(Path.of("docs/examples/leaver.psd1"), Path.of("docs/examples/leavers.jsonl"), args.length > 0 ? args[0]
                : "50%");
    }
}
