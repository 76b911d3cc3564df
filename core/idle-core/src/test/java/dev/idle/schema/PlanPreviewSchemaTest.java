package dev.idle.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.PlanPreview;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.StepPreview;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** schema/plan-preview.schema.json describes what {@link PlanPreview#toJson()} writes, for every step status. */
class PlanPreviewSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode everyKindOfStep() throws IOException {
        PlanPreview preview = new PlanPreview(Instant.parse("2026-12-04T22:00:00Z"), "a".repeat(64), "c-1", "Leaver",
                "Leaver", List.of(
                new PlanPreview.Step("Disable", "IdLE.Step.DisableIdentity", "Identity", StepPreview.of(List.of(
                        PreviewChange.value("enabled", "enabled", true, false),
                        PreviewChange.members("groups", "groups", List.of("B", "A"), List.of())))),
                new PlanPreview.Step("Enable", "IdLE.Step.EnableIdentity", "Identity", StepPreview.noChange()),
                new PlanPreview.Step("Revoke", "IdLE.Step.RevokeIdentitySessions", "Entra",
                        StepPreview.cannotRead("sessions: cannot be listed; all will be revoked")),
                new PlanPreview.Step("Note", "IdLE.Step.EmitEvent", null, StepPreview.notPreviewed(null)),
                new PlanPreview.Step("Rehire", "IdLE.Step.EnableIdentity", "Identity",
                        StepPreview.notApplicable("condition not met"))));
        return JSON.readTree(preview.toJson());
    }

    @Test
    void theSchemaAcceptsWhatThePreviewWrites() throws IOException {
        assertThat(PublishedSchemaTest.schema("plan-preview.schema.json").validate(everyKindOfStep())).isEmpty();
    }

    @Test
    void theSchemaRejectsAChangesStepWithoutChangesAndAnUnknownStatus() throws IOException {
        JsonNode doc = everyKindOfStep();
        ((ObjectNode) doc.path("steps").get(0)).putArray("changes");
        ((ObjectNode) doc.path("steps").get(1)).put("status", "Maybe");

        assertThat(PublishedSchemaTest.schema("plan-preview.schema.json").validate(doc)).hasSizeGreaterThanOrEqualTo(2);
    }
}
