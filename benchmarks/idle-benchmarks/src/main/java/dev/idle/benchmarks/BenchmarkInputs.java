package dev.idle.benchmarks;

import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.data.DataMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The inputs every benchmark reads: a workflow and the request of {@code request.json}, each loaded once through the
 * public API ({@link Idle#parseWorkflow}, {@link LifecycleRequest#fromData}), and a host whose provider alias
 * {@code Identity} is the in-memory mock provider, so plans are built with the alias and capability checks a real host
 * makes but without any network. Fails with the loader's {@code IdleInputException} when an input is invalid.
 */
final class BenchmarkInputs {
    private static final String RESOURCES = "/dev/idle/benchmarks/";

    private BenchmarkInputs() {
    }

    /**
     * The workflow in {@code file}, or the bundled resource {@code resource} when {@code file} is blank (JMH's
     * {@code -p workflowFile=PATH} benchmarks another workflow, e.g. IdLE's own template).
     */
    static DataMap workflow(Idle idle, String file, String resource) {
        if (file != null && !file.isBlank()) {
            return idle.loadWorkflow(Path.of(file));
        }
        return idle.parseWorkflow(resource(resource), resource);
    }

    static LifecycleRequest request(Idle idle) {
        return LifecycleRequest.fromData(idle.parseWorkflow(resource("request.json"), "request.json"), "request.json");
    }

    /** A host with the mock provider under the alias {@code Identity}; close it after the benchmark. */
    static Host mockHost() {
        DataMap host = DataMap.of("providers", DataMap.of("Identity", DataMap.of("type", "mock")));
        return Host.fromData(host, Path.of("."), "benchmark host", name -> null);
    }

    /** A workflow file that exists, or a blank string: the default of the {@code workflowFile} parameter. */
    static String existingOrBlank(String file) {
        return file != null && Files.isRegularFile(Path.of(file)) ? file : "";
    }

    private static String resource(String name) {
        try (InputStream in = BenchmarkInputs.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("benchmark resource missing: " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
