package dev.idle.benchmarks;

import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's smoke mode for the benchmarks: each runs once, in this JVM (no fork), for 100 ms without warm-up, so a
 * benchmark that throws or whose inputs no longer plan fails the build. Nothing about speed is asserted: timings on a
 * shared build machine mean nothing (docs/performance.md measures them properly).
 */
class BenchmarksSmokeTest {

    @Test
    void everyBenchmarkRunsAndReportsAScore(@TempDir Path temp) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(PlanBenchmarks.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .threads(1)
                .shouldFailOnError(true)
                .output(temp.resolve("jmh.log").toString())
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .containsExactlyInAnyOrder("evaluateConditions", "planAndExportLeaver", "planLeaver",
                        "planLeaverWithoutHost", "planPreparedLeaver");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
