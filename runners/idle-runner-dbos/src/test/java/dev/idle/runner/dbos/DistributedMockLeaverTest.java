package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.api.Providers;
import dev.idle.provider.mock.MockProvider;
import dev.idle.runner.DistributedRunner.Submission;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The built-in leaver steps against the in-memory mock provider, through DBOS: the identity ends disabled with its
 * sessions revoked, the results record lists both steps completed, and submitting the same request again under its
 * correlation id changes nothing more at the mock.
 */
class DistributedMockLeaverTest {
    private static final String LEAVER = """
            @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'
               Steps = @(
                 @{ Name = 'Disable account'; Type = 'IdLE.Step.DisableIdentity'
                    With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                 @{ Name = 'Revoke sign-in sessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
                    With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
               ) }
            """;

    @Test
    void aLeaverAgainstTheMockCompletesOnceThroughDbos() throws Exception {
        Idle idle = Idle.create();
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.enabled(true)).build();
        String id = "mock-leaver-" + UUID.randomUUID();
        long versionBefore = mock.store().version();
        String record;
        long versionAfterFirst;
        Submission again;
        try (DbosRunner runner = DbosRunner.builder(RealPostgres.settings()).idle(idle)
                .workflow(idle.parseWorkflow(LEAVER, "leaver.psd1"), "leaver.psd1")
                .providers(Providers.builder().provider("Identity", mock).build())
                .databaseSchema(DistributedFixture.uniqueSchema()).start()) {
            runner.submit(DistributedFixture.leaver(id, "jdoe"));
            record = runner.awaitResult(id, Duration.ofMinutes(2));
            versionAfterFirst = mock.store().version();
            again = runner.submit(DistributedFixture.leaver(id, "jdoe"));
            assertThat(runner.awaitResult(id, Duration.ofMinutes(2))).isEqualTo(record);
        }

        JsonNode json = new ObjectMapper().readTree(record);
        assertThat(json.get("status").asText()).isEqualTo("Completed");
        assertThat(json.get("steps")).extracting(s -> s.get("name").asText() + "=" + s.get("status").asText())
                .containsExactly("Disable account=Completed", "Revoke sign-in sessions=Completed");
        assertThat(mock.store().get("jdoe").enabled()).isFalse();
        assertThat(versionAfterFirst).isGreaterThan(versionBefore);
        assertThat(again.alreadySubmitted()).isTrue();
        assertThat(mock.store().version()).as("no write after the repeated submission").isEqualTo(versionAfterFirst);
    }
}
