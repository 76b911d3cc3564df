package dev.idle.internal.exec;

import static dev.idle.testing.TestPacks.anyWith;
import static dev.idle.testing.TestPacks.pack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanPreview;
import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreview.Status;
import dev.idle.spi.StepPreviewer;
import dev.idle.spi.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of a plan preview: previewers get read operations only (a write interface is refused, the
 * provider they get cannot be cast to a writer), steps without a preview or not applicable are said so and not read,
 * failures stay with their step, values and notes are redacted, and the document is the contract's and leaves the
 * plan export (and its hash) alone.
 */
class PlanPreviewerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> calls = new ArrayList<>();
    private final Backend backend = new Backend();

    /** Reads and disables; records every call. */
    private final class Backend implements Provider, IdentityReader, IdentityDisabler {
        AuthSession lastSession;

        @Override
        public Identity getIdentity(String identityKey, AuthSession session) {
            calls.add("GetIdentity " + identityKey);
            lastSession = session;
            return new Identity(identityKey, true, DataMap.of("Department", "Sales"));
        }

        @Override
        public ProviderResult disableIdentity(String identityKey, AuthSession session) {
            calls.add("DisableIdentity " + identityKey);
            return ProviderResult.of("DisableIdentity", identityKey, true);
        }
    }

    /** A step of {@code type} whose preview is {@code preview}; running it is a test failure. */
    private static Step previewing(String type, Function<PreviewContext, StepPreview> preview) {
        return new PreviewingStep(type, preview);
    }

    private record PreviewingStep(String type, Function<PreviewContext, StepPreview> previewer)
            implements Step, StepPreviewer {
        @Override
        public StepResult execute(StepContext context) {
            throw new AssertionError("a preview must not run the step");
        }

        @Override
        public StepPreview preview(PreviewContext context) {
            return previewer.apply(context);
        }
    }

    private final Idle idle = Idle.withStepPacks(List.of(pack("Preview.Pack", List.of(anyWith("Test.Read"),
            anyWith("Test.Write"), anyWith("Test.Cast"), anyWith("Test.Plain"), anyWith("Test.Leak")), List.of(
            previewing("Test.Read", ctx -> {
                Identity identity = ctx.read("Identity", IdentityReader.class,
                        (p, s) -> p.getIdentity(ctx.with().getString("IdentityKey"), s));
                return StepPreview.of(List.of(
                        PreviewChange.value("enabled", "enabled", identity.enabled(), false),
                        PreviewChange.members("groups", "groups", List.of("B", "a", "C"), List.of())));
            }),
            previewing("Test.Write", ctx -> {
                ctx.read("Identity", IdentityDisabler.class, (p, s) -> p.disableIdentity("jdoe", s));
                return StepPreview.noChange();
            }),
            previewing("Test.Cast", ctx -> ctx.read("Identity", IdentityReader.class,
                    (p, s) -> p instanceof IdentityDisabler ? StepPreview.notPreviewed("reached a writer")
                            : StepPreview.noChange())),
            StubStep.completing("Test.Plain"),
            previewing("Test.Leak", ctx -> {
                throw new IllegalStateException("backend refused the token " + ctx.with().getString("ApiToken"));
            })))));

    private Providers providers() {
        return Providers.builder().provider("Identity", backend)
                .broker((name, options) -> AuthSession.of(name, "Test", DataMap.of("Role", options.get("Role")), null))
                .build();
    }

    private Plan plan(String steps) {
        DataMap workflow = idle.parseWorkflow("@{ Name = 'Leaver'; LifecycleEvent = 'Leaver'; Steps = @(" + steps
                + "); OnFailureSteps = @(@{ Name = 'Alert'; Type = 'Test.Plain' }) }", "w.psd1");
        return idle.plan(workflow, LifecycleRequest.create("Leaver", "c-1", "tester", DataMap.of("Id", "jdoe"),
                DataMap.of("Department", "Sales"), null), null, "w.psd1");
    }

    private StepPreview only(PlanPreview preview) {
        assertThat(preview.steps()).hasSize(1);
        return preview.steps().get(0).preview();
    }

    @Test
    void aPreviewerAskingForAWriteOperationIsRefusedAndNothingIsWritten() {
        StepPreview p = only(idle.preview(plan("@{ Name = 'W'; Type = 'Test.Write' }"), providers()));

        assertThat(p.status()).isEqualTo(Status.CannotRead);
        assertThat(p.note()).contains("IdentityDisabler.DisableIdentity may change the backend; a preview may only"
                + " read.");
        assertThat(calls).isEmpty();
    }

    @Test
    void theProviderAPreviewerGetsIsOnlyTheReadInterfaceAskedFor() {
        StepPreview p = only(idle.preview(plan("@{ Name = 'C'; Type = 'Test.Cast' }"), providers()));

        assertThat(p.status()).as("the view is no IdentityDisabler").isEqualTo(Status.NoChange);
    }

    @Test
    void aReadUsesTheSessionTheStepNames() {
        PlanPreview preview = idle.preview(plan("@{ Name = 'R'; Type = 'Test.Read'; With = @{ IdentityKey = 'jdoe';"
                + " AuthSessionName = 'Graph'; AuthSessionOptions = @{ Role = 'Admin' } } }"), providers());

        assertThat(only(preview).status()).isEqualTo(Status.Changes);
        assertThat(calls).containsExactly("GetIdentity jdoe");
        assertThat(backend.lastSession.name()).isEqualTo("Graph");
        assertThat(backend.lastSession.attributes()).containsEntry("Role", "Admin");
    }

    @Test
    void stepsWithoutAPreviewAndStepsNotApplicableAreSaidSoAndOnFailureStepsAreNotListed() {
        PlanPreview preview = idle.preview(plan("@{ Name = 'Plain'; Type = 'Test.Plain' },"
                + " @{ Name = 'Skipped'; Type = 'Test.Read'; With = @{ IdentityKey = 'jdoe' };"
                + " Condition = @{ Equals = @{ Path = 'Request.Intent.Department'; Value = 'IT' } } }"), providers());

        assertThat(preview.steps()).extracting(PlanPreview.Step::name).containsExactly("Plain", "Skipped");
        assertThat(preview.steps()).extracting(s -> s.preview().status())
                .containsExactly(Status.NotPreviewed, Status.NotApplicable);
        assertThat(calls).as("a step that will not run is not read").isEmpty();
    }

    @Test
    void aFailingPreviewIsCannotReadWithItsMessageMaskedAndTheOtherStepsArePreviewed() {
        PlanPreview preview = idle.preview(plan("@{ Name = 'Leak'; Type = 'Test.Leak'; With = @{ ApiToken ="
                + " 'tok-Secret-77aa' } }, @{ Name = 'R'; Type = 'Test.Read'; With = @{ IdentityKey = 'jdoe' } }"),
                providers());

        StepPreview leak = preview.steps().get(0).preview();
        assertThat(leak.status()).isEqualTo(Status.CannotRead);
        assertThat(leak.note()).contains("backend refused the token [REDACTED]").doesNotContain("tok-Secret-77aa");
        assertThat(preview.toJson()).doesNotContain("tok-Secret-77aa");
        assertThat(preview.steps().get(1).preview().status()).isEqualTo(Status.Changes);
    }

    @Test
    void theDocumentIsTheContractsAndCarriesThePlansHash() throws Exception {
        Plan plan = plan("@{ Name = 'R'; Type = 'Test.Read'; With = @{ IdentityKey = 'jdoe' } }");
        JsonNode export = JSON.readTree(idle.export(plan));

        JsonNode doc = JSON.readTree(idle.preview(plan, providers()).toJson());

        assertThat(doc.path("schemaVersion").asText()).isEqualTo("1.0");
        assertThat(doc.path("kind").asText()).isEqualTo("IdLE.PlanPreview");
        assertThat(java.time.Instant.parse(doc.path("previewedAt").asText())).isNotNull();
        assertThat(doc.path("planHash").asText()).isEqualTo(export.path("planHash").asText());
        assertThat(doc.path("correlationId").asText()).isEqualTo("c-1");
        assertThat(doc.path("workflow").path("name").asText()).isEqualTo("Leaver");
        assertThat(doc.path("workflow").path("lifecycleEvent").asText()).isEqualTo("Leaver");
        JsonNode step = doc.path("steps").get(0);
        assertThat(step.path("name").asText()).isEqualTo("R");
        assertThat(step.path("type").asText()).isEqualTo("Test.Read");
        assertThat(step.path("status").asText()).isEqualTo("Changes");
        assertThat(step.has("note")).isTrue();
        JsonNode value = step.path("changes").get(0);
        assertThat(fieldNames(value)).containsExactly("attribute", "current", "intended", "summary");
        assertThat(value.path("current").asBoolean()).isTrue();
        assertThat(value.path("intended").isBoolean()).isTrue();
        assertThat(value.path("summary").asText()).isEqualTo("enabled: true → false");
        JsonNode set = step.path("changes").get(1);
        assertThat(fieldNames(set)).containsExactly("attribute", "removed", "added", "summary");
        assertThat(set.path("removed").toString()).isEqualTo("[\"a\",\"B\",\"C\"]");
        assertThat(set.path("summary").asText()).isEqualTo("groups: −3 (a, B, C)");
    }

    @Test
    void previewingLeavesThePlanExportAndItsHashAsTheyWere() {
        Plan plan = plan("@{ Name = 'R'; Type = 'Test.Read'; With = @{ IdentityKey = 'jdoe' } }");
        String before = idle.export(plan);

        idle.preview(plan, providers());

        assertThat(idle.export(plan)).isEqualTo(before).doesNotContain("PlanPreview").doesNotContain("previewedAt");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
