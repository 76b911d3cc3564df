package dev.idle.examples;

import dev.idle.api.BatchRecord;
import dev.idle.api.BatchRunner;
import dev.idle.api.BatchSummary;
import dev.idle.api.Idle;
import dev.idle.api.Providers;
import dev.idle.api.RequestSource;
import dev.idle.provider.mock.MockProvider;
import java.nio.file.Path;

/**
 * Runs the Leaver workflow over a JSON Lines file of requests with four workers sharing one provider, printing each
 * record as it finishes: the code of docs/library.md, compiled and run by the build (idle-cli's
 * BatchLibraryExampleTest, which also checks the page shows exactly this code).
 */
public final class BatchLibraryExample {
    private BatchLibraryExample() {
    }

    public static BatchSummary run(Path workflow, Path requestsFile) {
        // doc:begin
        MockProvider directory = MockProvider.builder()
                .identity("jdoe", user -> user.session("s1", "Outlook"))
                .identity("asmith", user -> user.session("s2", "Teams"))
                .identity("bking", user -> user.session("s3", "Outlook"))
                .build();
        try (Providers providers = Providers.builder().provider("Identity", directory).build();
             RequestSource requests = RequestSource.open(requestsFile, null)) {
            BatchRunner batch = Idle.create().batch()
                    .workflow(workflow)         // loaded and validated once, here
                    .providers(providers)       // shared by every worker
                    .concurrency(4)
                    .build();
            BatchSummary summary = batch.run(requests, record -> System.out.println(record.toJsonLine()));
            System.err.println(summary.count(BatchRecord.Status.Completed) + " completed in "
                    + summary.wallTime().toMillis() + " ms");
            return summary;
        }
        // doc:end
    }

    public static void main(String[] args) {
        run(Path.of("docs/examples/leaver.psd1"), Path.of("docs/examples/leavers.jsonl"));
    }
}
