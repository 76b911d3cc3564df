package dev.idle.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The JSON Schemas under schema/ accept the shipped examples and reject what the engine rejects. */
class PublishedSchemaTest {
    static final Path ROOT = Path.of("..", "..");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonSchema schema(String name) throws IOException {
        JsonNode node = JSON.readTree(ROOT.resolve("schema").resolve(name).toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    }

    static JsonNode read(Path p) throws IOException {
        return (p.toString().endsWith(".json") ? JSON : YAML).readTree(p.toFile());
    }

    static Stream<Path> examples(String glob) throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("docs").resolve("examples"))) {
            return s.filter(p -> p.getFileName().toString().matches(glob)).sorted().toList().stream();
        }
    }

    static Stream<Path> workflowExamples() throws IOException {
        return examples("leaver\\.(yaml|json)");
    }

    static Stream<Path> requestExamples() throws IOException {
        return examples("request-.*\\.json");
    }

    static Stream<Path> hostExamples() throws IOException {
        return examples("host.*\\.yaml");
    }

    @ParameterizedTest
    @MethodSource("workflowExamples")
    void workflowSchemaAcceptsTheExampleWorkflows(Path file) throws IOException {
        assertThat(schema("workflow.schema.json").validate(read(file))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("requestExamples")
    void requestSchemaAcceptsTheExampleRequests(Path file) throws IOException {
        assertThat(schema("request.schema.json").validate(read(file))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostExamples")
    void hostSchemaAcceptsTheExampleHosts(Path file) throws IOException {
        assertThat(schema("host.schema.json").validate(read(file))).isEmpty();
    }

    @Test
    void workflowSchemaRejectsUnknownKeysAMissingNameAndABadCondition() throws IOException {
        JsonNode wf = YAML.readTree("""
                LifecycleEvent: Leaver
                CleanupSteps: []
                Steps:
                  - Name: a
                    Type: IdLE.Step.EmitEvent
                    When: {}
                    Condition: { Equals: { Value: 1 } }
                """);
        Set<ValidationMessage> errors = schema("workflow.schema.json").validate(wf);

        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("Name"))
                .anyMatch(m -> m.contains("CleanupSteps")).anyMatch(m -> m.contains("When"))
                .anyMatch(m -> m.contains("Path"));
    }

    @Test
    void hostSchemaRejectsAnInlineSecret() throws IOException {
        JsonNode host = YAML.readTree("""
                authSessions:
                  Graph: { type: ClientSecret, tenantId: t, clientId: c, clientSecret: s3cr3t }
                """);
        assertThat(schema("host.schema.json").validate(host)).isNotEmpty();
    }

    @Test
    void requestSchemaRequiresTheLifecycleEvent() throws IOException {
        assertThat(schema("request.schema.json").validate(JSON.readTree("{\"identityKeys\":{}}"))).isNotEmpty();
    }

    @Test
    void workflowSchemaAcceptsApprovalRequiredAsABooleanOnly() throws IOException {
        String wf = "{\"Name\":\"W\",\"LifecycleEvent\":\"Leaver\",\"Steps\":[],\"ApprovalRequired\":%s}";

        assertThat(schema("workflow.schema.json").validate(JSON.readTree(wf.formatted("true")))).isEmpty();
        assertThat(schema("workflow.schema.json").validate(JSON.readTree(wf.formatted("false")))).isEmpty();
        assertThat(schema("workflow.schema.json").validate(JSON.readTree(wf.formatted("\"yes\""))))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("ApprovalRequired"));
    }
}
