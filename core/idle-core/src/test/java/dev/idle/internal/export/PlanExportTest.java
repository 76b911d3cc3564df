package dev.idle.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import dev.idle.spi.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PlanExportTest {
    /** The custom step type of IdLE's export fixture: permissive metadata, no provider, no capabilities. */
    static final StepPack FIXTURE_PACK = new StepPack() {
        @Override
        public String name() {
            return "Fixture";
        }

        @Override
        public List<StepMetadata> catalog() {
            return List.of(new StepMetadata("EnsureMailbox", List.of(), List.of(), List.of("*"), null),
                    new StepMetadata("Identity.Step", List.of("IdLE.Identity.Read"), List.of(),
                            List.of("Provider", "password", "Note"), "Identity"));
        }

        @Override
        public List<Step> steps() {
            return List.of(new Step() {
                @Override
                public String type() {
                    return "EnsureMailbox";
                }

                @Override
                public StepResult execute(StepContext context) {
                    return StepResult.changed(false);
                }
            });
        }
    };

    private final Idle idle = Idle.withStepPacks(List.of(FIXTURE_PACK));

    private static String fixture() throws IOException {
        try (InputStream in = PlanExportTest.class.getResourceAsStream("/fixtures/plan-export-expected.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Plan fixturePlan() {
        DataMap wf = idle.parseWorkflow("""
                @{
                  Name = 'Joiner - Export Fixture'
                  LifecycleEvent = 'Joiner'
                  Steps = @( @{ Name = 'Ensure Mailbox'; Type = 'EnsureMailbox'; With = @{ mailboxType = 'User' } } )
                }
                """, "fixture.psd1");
        LifecycleRequest request = LifecycleRequest.create("Joiner", "11111111-1111-1111-1111-111111111111", null,
                DataMap.of("userId", "jdoe"), DataMap.of("department", "IT"), null);
        return idle.plan(wf, request, null, "fixture.psd1");
    }

    /** IdLE's 1.0 document: the export without the additional fields this project adds for execution. */
    static String idleFields(String json) throws IOException {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(json);
        doc.remove(List.of("planHash", "workflow", "executable", "notExecutableReason"));
        ObjectNode plan = (ObjectNode) doc.get("plan");
        plan.remove("onFailureSteps");
        for (JsonNode step : plan.get("steps")) {
            ((ObjectNode) step).remove(List.of("with", "description", "precondition", "onPreconditionFalse",
                    "preconditionEvent", "retryProfile", "status"));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void exportOfTheFixtureInputEqualsIdlesGoldenFileApartFromTheAdditionalExecutionFields() throws IOException {
        String json = idle.export(fixturePlan());

        assertThat(idleFields(json)).isEqualTo(idleFields(fixture()));
        // IdLE's fields come first, in IdLE's order and formatting; the additions follow them.
        String golden = fixture().stripTrailing();
        String stepPrefix = golden.substring(0, golden.indexOf("        \"warnings\": []"));
        assertThat(json).startsWith(stepPrefix);
    }

    @Test
    void exportMatchesTheSharedSpecFixtureWhenPresent() throws IOException {
        Path shared = Path.of("..", "..", "..", "shared", "spec", "fixtures", "plan-export-expected.json");
        dev.idle.internal.UpstreamCorpusGuard.require(shared);
        assertThat(idleFields(idle.export(fixturePlan()))).isEqualTo(idleFields(Files.readString(shared)));
    }

    @Test
    void exportEndsWithThePlanHashOfItsCanonicalForm() throws IOException {
        String json = idle.export(fixturePlan());
        JsonNode doc = MAPPER.readTree(json);

        assertThat(doc.get("planHash").asText()).matches("[0-9a-f]{64}");
        assertThat(doc.get("executable").asBoolean()).isTrue();
        ObjectNode withoutHash = ((ObjectNode) doc).deepCopy();
        withoutHash.remove("planHash");
        assertThat(PlanHash.ofJson(MAPPER.writeValueAsString(withoutHash))).isEqualTo(doc.get("planHash").asText());
    }

    @Test
    void secretInAStepsInputsMakesThePlanNotExecutable() {
        DataMap wf = idle.parseWorkflow("""
                @{ Name = 'w'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Mail'; Type = 'EnsureMailbox'; With = @{ password = 'hunter2' } } ) }
                """, "w.psd1");
        LifecycleRequest request = LifecycleRequest.create("Joiner", "c", null, null, null, null);

        String json = idle.export(idle.plan(wf, request, null, "w.psd1"));

        assertThat(json).contains("\"executable\": false").contains("step 'Mail' has secret-named")
                .doesNotContain("hunter2");
    }

    @Test
    void secretCopiedByATemplateIntoAMessageIsRedactedAndMakesThePlanNotExecutable() {
        DataMap wf = idle.parseWorkflow("""
                @{ Name = 'w'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Note'; Type = 'EnsureMailbox'
                                 With = @{ Message = 'initial password: {{Request.Intent.TemporaryPassword}}' } } ) }
                """, "w.psd1");
        LifecycleRequest request = LifecycleRequest.create("Joiner", "c", null, null,
                DataMap.of("TemporaryPassword", "Initial-Secret-1"), null);

        String json = idle.export(idle.plan(wf, request, null, "w.psd1"));

        // Changed by design (issue 13, item 6): a secret interpolated into a longer string makes all of it secret.
        assertThat(json).doesNotContain("Initial-Secret-1").contains("\"Message\": \"[REDACTED]\"")
                .contains("\"executable\": false").contains("step 'Note' has a secret value copied into its inputs");
    }

    @Test
    void secretNamedRequestValueIsRedactedAndBlocksExecutionOnlyWhenAPreconditionCouldReadIt() {
        LifecycleRequest request = LifecycleRequest.create("Joiner", "c", null, null,
                DataMap.of("apiKey", "k-123456", "Approved", true), null);
        DataMap plain = idle.parseWorkflow("""
                @{ Name = 'w'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Note'; Type = 'EnsureMailbox'; With = @{ Message = 'hello' } } ) }
                """, "w.psd1");
        DataMap guarded = idle.parseWorkflow("""
                @{ Name = 'w'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Note'; Type = 'EnsureMailbox'; With = @{ Message = 'hello' }
                                 Precondition = @{ Equals = @{ Path = 'Request.Intent.Approved'; Value = $true } } } ) }
                """, "w.psd1");

        String plainJson = idle.export(idle.plan(plain, request, null, "w.psd1"));
        String guardedJson = idle.export(idle.plan(guarded, request, null, "w.psd1"));

        assertThat(plainJson).doesNotContain("k-123456").contains("\"executable\": true");
        assertThat(guardedJson).doesNotContain("k-123456").contains("\"executable\": false")
                .contains("the request input holds secret values");
    }

    @Test
    void identicalInputGivesByteIdenticalExport() {
        assertThat(idle.export(fixturePlan())).isEqualTo(idle.export(fixturePlan()));
    }

    @Test
    void stepProviderIsTheAliasTheStepResolvesToAndConditionIsExportedAsItsTree() {
        DataMap wf = idle.parseWorkflow("""
                @{ Name = 'w'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Read'; Type = 'Identity.Step'
                                 Condition = @{ All = @( @{ Equals = @{ Path = 'Request.LifecycleEvent'; Value = 'Joiner' } } ) }
                                 With = @{ Provider = 'Directory'; password = 'hunter2'; Note = 'n' } } ) }
                """, "w.psd1");
        Providers providers = Providers.builder().provider("Directory", new Provider() {
            @Override
            public List<String> capabilities() {
                return List.of("IdLE.Identity.Read");
            }
        }).build();
        LifecycleRequest request = LifecycleRequest.create("Joiner", "c-1", "me", DataMap.of("Id", "x"),
                DataMap.of("apiKey", "k-123", "nested", DataMap.of("token", "t-456")), null);

        String json = idle.export(idle.plan(wf, request, providers, "w.psd1"));

        assertThat(json).contains("\"provider\": \"Directory\"")
                .contains("\"type\": \"when\"")
                .contains("\"All\": [")
                .contains("\"Path\": \"Request.LifecycleEvent\"")
                .doesNotContain("hunter2").doesNotContain("k-123").doesNotContain("t-456")
                .contains("\"password\": \"[REDACTED]\"");
    }

    @Test
    void oversizedRequestInputPartIsReplacedByATruncationMarker() {
        LifecycleRequest request = LifecycleRequest.create("Joiner", "c", null, DataMap.of("userId", "jdoe"),
                DataMap.of("bigField", "x".repeat(70000)), null);
        DataMap wf = idle.parseWorkflow("@{ Name = 'w'; LifecycleEvent = 'Joiner'; Steps = @() }", "w.psd1");

        String json = idle.export(idle.plan(wf, request, null, "w.psd1"));

        assertThat(json).contains("\"intent\": \"[TRUNCATED - 70015 bytes]\"").contains("\"userId\": \"jdoe\"")
                .contains("\"steps\": []");
    }
}
