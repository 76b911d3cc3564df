package dev.idle.report.html;

import static dev.idle.report.html.PlanFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RequestPathsTest {
    static final String EXPORT = """
            { "request": { "type": "Leaver", "correlationId": "c-1", "actor": null,
                           "input": { "identityKeys": { "Id": "jdoe" },
                                      "intent": { "Department": "IT", "Password": "[REDACTED]" },
                                      "context": { "Groups": [ { "Id": "sg-vpn" }, { "Id": "sg-all" } ],
                                                   "Big": "[TRUNCATED - 70000 bytes]" } } },
              "workflow": { "name": "Leaver" } }
            """;

    JsonNode read(String path) throws Exception {
        return new RequestPaths(JSON.readTree(EXPORT)).read(path);
    }

    @Test
    void segmentsIgnoreCaseAndALeadingContextIsIgnored() throws Exception {
        assertThat(read("request.intent.department").asText()).isEqualTo("IT");
        assertThat(read("context.Request.IdentityKeys.Id").asText()).isEqualTo("jdoe");
        assertThat(read("Request.LifecycleEvent").asText()).isEqualTo("Leaver");
        assertThat(read("Workflow.Name").asText()).isEqualTo("Leaver");
    }

    @Test
    void listsAreIndexedCountedAndEnumerated() throws Exception {
        assertThat(read("Request.Context.Groups.1.Id").asText()).isEqualTo("sg-all");
        assertThat(read("Request.Context.Groups.Count").asInt()).isEqualTo(2);
        assertThat(read("Request.Context.Groups.Id").toString()).isEqualTo("[\"sg-vpn\",\"sg-all\"]");
    }

    @Test
    void hiddenPartsStayHiddenAndAbsentPathsAreMissing() throws Exception {
        assertThat(read("Request.Intent.Password").asText()).isEqualTo("[REDACTED]");
        assertThat(read("Request.Context.Big.Inner").asText()).startsWith("[TRUNCATED");
        assertThat(read("Request.Intent.Nope").isMissingNode()).isTrue();
        assertThat(read("Request.Context.Groups.7").isMissingNode()).isTrue();
    }
}
