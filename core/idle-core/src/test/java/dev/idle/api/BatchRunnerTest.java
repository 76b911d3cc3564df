package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchRunnerTest {
    private final Idle idle = BatchFixture.idle();
    private final BatchFixture.TouchProvider provider = new BatchFixture.TouchProvider();

    private BatchRunner.Builder batch() {
        return idle.batch().workflow(BatchFixture.workflow(idle), "touch.psd1")
                .providers(BatchFixture.providers(provider));
    }

    private static RequestSource jsonLines(String text) {
        return RequestSource.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "requests.jsonl",
                RequestSource.Format.JSONL);
    }

    private static String leaverLine(int i) {
        return "{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"c-" + i + "\",\"identityKeys\":{\"Id\":\"u" + i
                + "\"}}";
    }

    @Test
    void manyRequestsWithEightWorkersGiveEveryRecordExactlyOnceWithItsIndexAndLine() {
        int n = 400;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(leaverLine(i)).append('\n');
            if (i % 50 == 0) {
                text.append('\n'); // a blank line is no request, but it counts as a line
            }
        }
        List<BatchRecord> records = Collections.synchronizedList(new ArrayList<>());
        BatchSummary summary = batch().concurrency(8).build().run(jsonLines(text.toString()), records::add);

        assertThat(records).hasSize(n);
        assertThat(records).extracting(BatchRecord::index).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, n).mapToObj(i -> (long) i).toList());
        for (BatchRecord r : records) {
            int i = (int) r.index();
            assertThat(r.correlationId()).isEqualTo("c-" + i);
            assertThat(r.line()).isEqualTo(i + 1 + (i == 0 ? 0 : (i - 1) / 50 + 1));
            assertThat(r.status()).isEqualTo(BatchRecord.Status.Completed);
            assertThat(r.finishedAt()).isAfterOrEqualTo(r.startedAt());
        }
        assertThat(provider.touched).hasSize(n).allSatisfy((k, v) -> assertThat(v.get()).isEqualTo(1));
        assertThat(summary.count(BatchRecord.Status.Completed)).isEqualTo(n);
        assertThat(summary.total()).isEqualTo(n);
        assertThat(summary.stoppedBy()).isNull();
    }

    @Test
    void onlySelectedRequestsRunAndEachKeepsItsIndexInTheWholeSource() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append(leaverLine(i)).append('\n');
        }
        List<BatchRecord> records = Collections.synchronizedList(new ArrayList<>());
        BatchSummary summary = batch().concurrency(4).build()
                .run(jsonLines(text.toString()), index -> index % 3 == 0, records::add);

        assertThat(records).extracting(BatchRecord::index)
                .containsExactlyInAnyOrder(0L, 3L, 6L, 9L, 12L, 15L, 18L);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.correlationId()).isEqualTo("c-" + r.index());
            assertThat(r.line()).isEqualTo(r.index() + 1);
        });
        assertThat(provider.touched.keySet()).containsExactlyInAnyOrder("u0", "u3", "u6", "u9", "u12", "u15", "u18");
        assertThat(summary.total()).isEqualTo(7);
    }

    @Test
    void anInvalidLineGetsAnInvalidRecordAndTheOthersRun() {
        String text = leaverLine(0) + "\n"
                + "{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"c-bad\",\"identityKeys\":{\"Id\":\"x\"},\"oops\":1}\n"
                + "{not json\n"
                + "{\"lifecycleEvent\":\"Joiner\",\"correlationId\":\"c-joiner\",\"identityKeys\":{\"Id\":\"j\"}}\n"
                + leaverLine(4) + "\n";
        List<BatchRecord> records = Collections.synchronizedList(new ArrayList<>());
        BatchSummary summary = batch().concurrency(2).build().run(jsonLines(text), records::add);

        records.sort((a, b) -> Long.compare(a.index(), b.index()));
        assertThat(records).extracting(BatchRecord::status).containsExactly(BatchRecord.Status.Completed,
                BatchRecord.Status.Invalid, BatchRecord.Status.Invalid, BatchRecord.Status.Invalid,
                BatchRecord.Status.Completed);
        assertThat(records.get(1).correlationId()).isEqualTo("c-bad");
        assertThat(records.get(1).error()).contains("requests.jsonl:2").contains("unknown request key 'oops'");
        assertThat(records.get(2).correlationId()).isNull();
        assertThat(records.get(2).error()).startsWith("requests.jsonl:3:");
        assertThat(records.get(3).correlationId()).isEqualTo("c-joiner");
        assertThat(records.get(3).error()).contains("Joiner");
        assertThat(provider.touched).containsOnlyKeys("u0", "u4");
        assertThat(summary.count(BatchRecord.Status.Invalid)).isEqualTo(3);
        assertThat(summary.count(BatchRecord.Status.Completed)).isEqualTo(2);
    }

    @Test
    void theErrorOfAnInvalidLineNeverShowsACredentialTheLineHeld() {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNlY3JldA";
        List<BatchRecord> records = new ArrayList<>();
        batch().build().run(jsonLines("{\"lifecycleEvent\": \"Leaver\", \"Bearer " + token + "\": 1}\n"), records::add);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(BatchRecord.Status.Invalid);
            assertThat(r.error()).contains("requests.jsonl:1").contains("unknown request key").doesNotContain(token);
            assertThat(r.toJsonLine()).doesNotContain(token);
        });
    }

    @Test
    void aFailingStepGivesAFailedRecordWithTheRunsResult() {
        List<BatchRecord> records = new ArrayList<>();
        BatchSummary summary = batch().build().run(RequestSource.of(List.of(BatchFixture.leaver("fail"),
                BatchFixture.leaver("ok"))), records::add);

        assertThat(records).extracting(BatchRecord::status)
                .containsExactly(BatchRecord.Status.Failed, BatchRecord.Status.Completed);
        assertThat(records.get(0).result().steps().get(0).error()).contains("cannot touch fail");
        assertThat(summary.count(BatchRecord.Status.Failed)).isEqualTo(1);
    }

    @Test
    void anInvalidWorkflowIsRefusedByBuildBeforeAnyProviderCall() {
        DataMap bad = idle.parseWorkflow("@{ Name = 'X'; LifecycleEvent = 'Leaver'; Steps = @( @{ Name = 'A';"
                + " Type = 'Test.Nope' } ) }", "bad.psd1");
        assertThatThrownBy(() -> idle.batch().workflow(bad, "bad.psd1").providers(BatchFixture.providers(provider))
                .build()).isInstanceOf(IdleInputException.class).hasMessageContaining("bad.psd1")
                .hasMessageContaining("Test.Nope");
        assertThat(provider.writes()).isZero();
    }

    @Test
    void aDryRunPlansEveryRequestAndRunsNoStep() {
        List<BatchRecord> records = Collections.synchronizedList(new ArrayList<>());
        BatchSummary summary = batch().dryRun(true).concurrency(4).build()
                .run(jsonLines(leaverLine(0) + "\n{}\n" + leaverLine(2) + "\n"), records::add);

        assertThat(provider.writes()).isZero();
        assertThat(summary.count(BatchRecord.Status.Planned)).isEqualTo(2);
        assertThat(summary.count(BatchRecord.Status.Invalid)).isEqualTo(1);
        BatchRecord planned = records.stream().filter(r -> r.index() == 0).findFirst().orElseThrow();
        assertThat(planned.plan().steps()).extracting(PlanStep::name).containsExactly("Touch");
        assertThat(planned.toJsonLine()).contains("\"status\":\"Planned\"").contains("\"index\":0")
                .contains("\"line\":1").contains("\"provider\":\"Identity\"");
    }

    @Test
    void recordsReachTheCallbackWhileRequestsAreStillBeingRead() throws InterruptedException {
        CountDownLatch firstRecord = new CountDownLatch(1);
        List<Boolean> seenBeforeLast = new ArrayList<>();
        RequestSource blocking = new RequestSource() {
            private int served;

            @Override
            public Item next() {
                if (served == 1) {
                    try {
                        // the second request is read only once the first one's record was handed over
                        seenBeforeLast.add(firstRecord.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return served < 2 ? Item.of(++served, BatchFixture.leaver("s" + served)) : null;
            }

            @Override
            public void close() {
            }
        };
        BatchSummary summary = batch().concurrency(2).build().run(blocking, r -> firstRecord.countDown());

        assertThat(seenBeforeLast).containsExactly(true);
        assertThat(summary.count(BatchRecord.Status.Completed)).isEqualTo(2);
    }

    @Test
    void aCallbackThatThrowsStopsTheBatchAndIsReportedInTheSummary() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append(leaverLine(i)).append('\n');
        }
        List<BatchRecord> handed = new ArrayList<>();
        BatchSummary summary = batch().concurrency(2).build().run(jsonLines(text.toString()), r -> {
            handed.add(r);
            if (handed.size() == 3) {
                throw new IllegalStateException("disk full");
            }
        });

        assertThat(summary.stoppedBy()).hasMessage("disk full");
        assertThat(handed).hasSize(3);
        // only what was queued or running when it stopped ran: the queue holds 2 x concurrency
        assertThat(provider.writes()).isLessThan(200);
    }

    @Test
    void theJsonLineOfARunIsTheInvokeResultWithIndexLineAndTimes() {
        List<BatchRecord> records = new ArrayList<>();
        batch().build().run(RequestSource.of(List.of(BatchFixture.leaver("a"))), records::add);

        String line = records.get(0).toJsonLine();
        assertThat(line).doesNotContain("\n").startsWith("{\"index\":0,\"line\":1,\"startedAt\":\"")
                .contains("\"status\":\"Completed\"").contains("\"correlationId\":\"c-a\"").contains("\"steps\":[")
                .contains("\"onFailure\":").contains("\"events\":[");
        assertThat(records.get(0).startedAt().toString()).endsWith("Z");
    }
}
