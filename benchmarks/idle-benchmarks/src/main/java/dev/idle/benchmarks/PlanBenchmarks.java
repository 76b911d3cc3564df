package dev.idle.benchmarks;

import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PreparedWorkflow;
import dev.idle.api.data.DataMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Plan building through the public API, one thread, in plans per second: the {@code entraid-leaver} shaped workflow
 * with the host's providers (alias and capability checks, as {@code idle plan --host} and a batch do) and without,
 * the same plan followed by its export JSON, and a workflow made of condition trees. The workflow and request are
 * loaded once: loading a file is not what these measure ({@code LoadScalingBench} does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlanBenchmarks {

    /** A workflow file to plan instead of the bundled leaver (e.g. IdLE's templates/entraid-leaver.psd1); blank: bundled. */
    @Param({""})
    public String workflowFile;

    private final Idle idle = Idle.create();
    private DataMap leaver;
    private PreparedWorkflow preparedLeaver;
    private DataMap conditions;
    private LifecycleRequest request;
    private Host host;

    @Setup(Level.Trial)
    public void load() {
        leaver = BenchmarkInputs.workflow(idle, workflowFile, "entraid-leaver.psd1");
        preparedLeaver = idle.prepare(leaver, "entraid-leaver.psd1");
        conditions = BenchmarkInputs.workflow(idle, "", "conditions.psd1");
        request = BenchmarkInputs.request(idle);
        host = BenchmarkInputs.mockHost();
    }

    @TearDown(Level.Trial)
    public void close() {
        host.close();
    }

    /** The target of issue 14: {@code entraid-leaver}, planned against a host (≥ 20,000 plans/s on one thread). */
    @Benchmark
    public Plan planLeaver() {
        return idle.plan(leaver, request, host.providers(), "entraid-leaver.psd1");
    }

    /** The same from a workflow prepared once ({@link Idle#prepare}), as a batch plans each of its requests. */
    @Benchmark
    public Plan planPreparedLeaver() {
        return preparedLeaver.plan(request, host.providers());
    }

    /** The same without a host: no alias or capability checks ({@code idle plan} without {@code --host}). */
    @Benchmark
    public Plan planLeaverWithoutHost() {
        return idle.plan(leaver, request, null, "entraid-leaver.psd1");
    }

    /** Plan, then the export JSON an approver reads ({@code idle plan --out}). */
    @Benchmark
    public String planAndExportLeaver() {
        return idle.export(idle.plan(leaver, request, host.providers(), "entraid-leaver.psd1"));
    }

    /** Condition evaluation: four steps whose condition trees use every operator and group. */
    @Benchmark
    public Plan evaluateConditions() {
        return idle.plan(conditions, request, null, "conditions.psd1");
    }
}
