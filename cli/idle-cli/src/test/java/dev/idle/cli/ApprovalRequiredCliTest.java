package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ApprovalRequired = $true} outside the distributed runner: {@code idle validate} accepts it (and names the
 * key when it is not a boolean), {@code idle invoke} runs such a workflow only with {@code --approved-plan-hash} equal
 * to the plan's hash (else exit 2, the mock identity untouched), and {@code idle batch} refuses it except as a dry
 * run.
 */
class ApprovalRequiredCliTest {
    private static final ObjectMapper JSON = BatchCliFixture.JSON;

    @TempDir
    Path dir;

    private BatchCliFixture files;
    private Path workflow;
    private Path request;
    private Path host;

    @BeforeEach
    void files() throws IOException {
        files = new BatchCliFixture(dir);
        files.identities("jdoe");
        host = files.host;
        workflow = files.write("leaver.psd1", """
                @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'; ApprovalRequired = $true
                   Steps = @( @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'
                                 With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } } ) }
                """);
        request = files.write("request.json", BatchCliFixture.request("jdoe", null));
    }

    private boolean enabled() throws IOException {
        return files.enabled("jdoe");
    }

    private String planHash() throws IOException {
        Path plan = dir.resolve("plan.json");
        CliRun run = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--out", plan.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(plan.toFile()).get("planHash").asText();
    }

    @Test
    void validateAcceptsTheKeyAndNamesItWhenItIsNotABoolean() throws IOException {
        assertThat(CliRun.of("validate", workflow.toString()).exit()).isZero();

        Path bad = files.write("bad.psd1", Files.readString(workflow).replace("$true", "'yes'"));
        CliRun run = CliRun.of("validate", bad.toString());

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains(bad + ": invalid workflow").contains("'ApprovalRequired' must be a boolean");
    }

    @Test
    void invokeWithoutAnApprovedPlanHashIsRefusedAndTheIdentityIsUntouched() throws IOException {
        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString());

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains("the workflow requires approval (ApprovalRequired = $true)")
                .contains("--approved-plan-hash");
        assertThat(enabled()).isTrue();
    }

    @Test
    void invokeWithAnotherPlansHashIsRefusedNamingBothHashes() throws IOException {
        String actual = planHash();
        String other = "f".repeat(64);

        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--approved-plan-hash", other);

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains("--approved-plan-hash " + other + " is not the hash of this plan (" + actual
                + ")");
        assertThat(enabled()).isTrue();
    }

    @Test
    void invokeWithTheApprovedPlanHashRunsTheWorkflowAndTheExportedPlan() throws IOException {
        String hash = planHash();

        CliRun fromPlan = CliRun.of("invoke", "--plan", dir.resolve("plan.json").toString(), "--host",
                host.toString());
        CliRun approved = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--approved-plan-hash", hash);

        assertThat(fromPlan.exit()).as("an exported plan of a gated workflow needs the hash too")
                .isEqualTo(IdleCli.BAD_INPUT);
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(enabled()).isFalse();
    }

    @Test
    void batchRefusesAWorkflowRequiringApprovalButPlansItInADryRun() throws IOException {
        Path requests = files.write("requests.jsonl", BatchCliFixture.request("jdoe", null));

        CliRun run = CliRun.of("batch", "--workflow", workflow.toString(), "--requests", requests.toString(),
                "--host", host.toString());
        CliRun dry = CliRun.of("batch", "--workflow", workflow.toString(), "--requests", requests.toString(),
                "--host", host.toString(), "--dry-run");

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).contains("the workflow requires approval (ApprovalRequired = $true), which a batch"
                + " cannot wait for");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(enabled()).isTrue();
    }
}
