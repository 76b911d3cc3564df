package dev.idle.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;

/**
 * Real plan exports for the report tests (the engine plans a workflow; the report renders its export), and preview
 * documents built by hand in the shape of contract A (docs/plan-review.md), as the preview writer makes them.
 */
final class PlanFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Would set the title and a window flag if it ever ran. */
    static final String SCRIPT = "<script>window.owned=1;document.title='owned'</script>";
    static final String HOSTILE_STEP = SCRIPT + "Note for HR";
    static final String HOSTILE_DISPLAY_NAME = "Jane " + SCRIPT + "<img src=x onerror=\"window.owned=2\">";

    /** Leaver: disable, revoke sessions, set attributes with a password, a hostile step name, a skipped step. */
    static final String WORKFLOW = """
            {
              "Name": "Leaver - reviewed",
              "LifecycleEvent": "Leaver",
              "Description": "Disable, revoke sessions, note; contractors only: tell the agency.",
              "Steps": [
                { "Name": "Disable account", "Type": "IdLE.Step.DisableIdentity", "RetryProfile": "Patient",
                  "With": { "IdentityKey": "{{Request.IdentityKeys.Id}}" } },
                { "Name": "Revoke sign-in sessions", "Type": "IdLE.Step.RevokeIdentitySessions",
                  "Precondition": { "Exists": "Request.Intent.Reason" }, "OnPreconditionFalse": "Continue",
                  "With": { "IdentityKey": "{{Request.IdentityKeys.Id}}" } },
                { "Name": "Scramble password", "Type": "IdLE.Step.EnsureAttributes",
                  "With": { "IdentityKey": "{{Request.IdentityKeys.Id}}",
                            "Attributes": { "Password": "S3cret-Scrambled!", "Department": "Leavers" } } },
                { "Name": "HOSTILE", "Type": "IdLE.Step.EmitEvent",
                  "With": { "Message": "Offboarded {{Request.Intent.DisplayName}}" } },
                { "Name": "Tell the agency", "Type": "IdLE.Step.EmitEvent",
                  "Condition": { "Equals": { "Path": "Request.Intent.EmployeeType", "Value": "Contractor" } },
                  "With": { "Message": "Contractor {{Request.IdentityKeys.Id}} left" } }
              ],
              "OnFailureSteps": [
                { "Name": "Tell the helpdesk", "Type": "IdLE.Step.EmitEvent",
                  "With": { "Message": "Leaver for {{Request.IdentityKeys.Id}} failed" } }
              ]
            }
            """;

    private PlanFixtures() {
    }

    static String workflow() {
        try {
            return WORKFLOW.replace("\"HOSTILE\"", JSON.writeValueAsString(HOSTILE_STEP));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static LifecycleRequest request(String correlationId, String id, String displayName) {
        return LifecycleRequest.builder("Leaver").correlationId(correlationId).actor("helpdesk@example.com")
                .identityKey("Id", id).intent("Reason", "Contract ended").intent("DisplayName", displayName)
                .intent("EmployeeType", "Employee").context("apiToken", "abc-very-secret").build();
    }

    /** The export of the fixture workflow planned for {@code request}, as {@code idle plan} writes it. */
    static JsonNode export(LifecycleRequest request) throws Exception {
        Idle idle = Idle.create();
        Plan plan = idle.plan(idle.parseWorkflow(workflow(), "leaver-reviewed.json"), request, null,
                "leaver-reviewed.json");
        return JSON.readTree(idle.export(plan));
    }

    static JsonNode export() throws Exception {
        return export(request("corr-0001", "jdoe", HOSTILE_DISPLAY_NAME));
    }

    /** A preview of {@code export} per contract A: what the preview writer would say for the mock provider. */
    static ObjectNode preview(JsonNode export) throws Exception {
        ObjectNode preview = (ObjectNode) JSON.readTree("""
                {
                  "schemaVersion": "1.0",
                  "kind": "IdLE.PlanPreview",
                  "previewedAt": "2026-12-04T22:00:00Z",
                  "planHash": "HASH",
                  "correlationId": "corr-0001",
                  "workflow": { "name": "Leaver - reviewed", "lifecycleEvent": "Leaver" },
                  "steps": [
                    { "name": "Disable account", "type": "IdLE.Step.DisableIdentity", "provider": "Identity",
                      "status": "Changes",
                      "changes": [ { "attribute": "enabled", "current": true, "intended": false,
                                     "summary": "enabled: true → false" } ], "note": null },
                    { "name": "Revoke sign-in sessions", "type": "IdLE.Step.RevokeIdentitySessions",
                      "provider": "Identity", "status": "Changes",
                      "changes": [ { "attribute": "activeSessions", "current": 3, "intended": 0,
                                     "summary": "active sessions: 3 → 0" } ], "note": null },
                    { "name": "Scramble password", "type": "IdLE.Step.EnsureAttributes", "provider": "Identity",
                      "status": "Changes",
                      "changes": [ { "attribute": "Password", "current": "[REDACTED]", "intended": "[REDACTED]",
                                     "summary": "Password: [REDACTED] → [REDACTED]" },
                                   { "attribute": "groups", "removed": ["sg-all-staff", "sg-vpn"], "added": [],
                                     "summary": "groups: −2 (sg-all-staff, sg-vpn)" } ], "note": null },
                    { "name": "HOSTILE", "type": "IdLE.Step.EmitEvent", "provider": null,
                      "status": "NotPreviewed", "changes": [], "note": null },
                    { "name": "Tell the agency", "type": "IdLE.Step.EmitEvent", "provider": null,
                      "status": "NotApplicable", "changes": [], "note": null }
                  ]
                }
                """);
        preview.put("planHash", export.path("planHash").asText());
        ((ObjectNode) preview.path("steps").get(3)).put("name", HOSTILE_STEP);
        return preview;
    }
}
