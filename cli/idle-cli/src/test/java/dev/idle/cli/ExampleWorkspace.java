package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A leaver example ({@code examples/<name>}: leaver.psd1, request.json, host.yaml) copied to a temp folder, with its
 * host file pointed at a simulator, and run through the CLI once per identity. The copy keeps the checked-in example
 * untouched while each test rewrites URLs and request keys.
 */
final class ExampleWorkspace {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path example;
    private final Path dir;

    private ExampleWorkspace(Path example, Path dir) {
        this.example = example;
        this.dir = dir;
    }

    /** Copies the example's workflow, request and host file into {@code dir}. */
    static ExampleWorkspace copy(String name, Path dir) throws IOException {
        Path example = Path.of("..", "..", "examples", name);
        for (String f : List.of("leaver.psd1", "request.json", "host.yaml")) {
            Files.copy(example.resolve(f), dir.resolve(f));
        }
        return new ExampleWorkspace(example, dir);
    }

    Path host() {
        return dir.resolve("host.yaml");
    }

    Path workflow() {
        return dir.resolve("leaver.psd1");
    }

    /** Replaces the example's {@code baseUrl: <documented>} with the simulator's, asserting the example has it. */
    void pointBaseUrlAt(String documented, String simulator) throws IOException {
        String yaml = Files.readString(host());
        assertThat(yaml).contains("baseUrl: " + documented);
        Files.writeString(host(), yaml.replace("baseUrl: " + documented, "baseUrl: " + simulator));
    }

    /** Runs {@code idle invoke} with the example request, its identity key {@code key} set to {@code value}. */
    CliRun invoke(String key, String value, Path events) throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(example.resolve("request.json").toFile());
        ((ObjectNode) request.get("identityKeys")).put(key, value);
        Path requestFile = dir.resolve("request-" + value + ".json");
        JSON.writeValue(requestFile.toFile(), request);
        return CliRun.of("invoke", "--workflow", workflow().toString(), "--request", requestFile.toString(),
                "--host", host().toString(), "--events", events.toString());
    }
}
