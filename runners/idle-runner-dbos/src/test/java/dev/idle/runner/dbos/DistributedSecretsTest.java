package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.MaxAffected;
import dev.idle.runner.DistributedRunner.SubmissionState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Secrets never rest in the database: after a run whose auth session carries a secret (and whose step even returns
 * it as output under a secret-named key), no row of any table in any schema of the database holds the secret's
 * value, while the run's own rows are there to be scanned; the same after a submission that was counted,
 * quarantined, released and ran. A workflow definition (stored with its submission) holding a literal secret is
 * refused.
 */
class DistributedSecretsTest {

    @Test
    void noTableHoldsTheSecretOfTheAuthSessionAfterARun() throws Exception {
        String id = "leaver-" + UUID.randomUUID();
        String record;
        try (DbosRunner runner = DistributedFixture.runner(DistributedFixture.idle(),
                new DistributedFixture.WriteCounter()).start()) {
            runner.submit(DistributedFixture.leaver(id, "jdoe"));
            record = runner.awaitResult(id, Duration.ofMinutes(2));
        }

        List<String> rows = allRowsAsText();

        assertThat(record).contains("\"status\":\"Completed\"").doesNotContain(DistributedFixture.SECRET);
        assertThat(rows).as("the run's rows were scanned").anyMatch(row -> row.contains(id));
        assertThat(rows).as("rows holding the secret").noneMatch(row -> row.contains(DistributedFixture.SECRET));
    }

    @Test
    void noTableHoldsTheSecretAfterAQuarantinedSubmissionWasReleasedAndRan() throws Exception {
        List<String> ids;
        String id;
        try (SubmissionCluster c = new SubmissionCluster()) {
            DbosRunner worker = c.worker("worker", 2);
            id = "guarded-" + c.run;
            List<LifecycleRequest> leavers = c.leavers(2);
            ids = leavers.stream().map(LifecycleRequest::correlationId).toList();
            worker.submit(c.spec(leavers).id(id).notBefore(Instant.now().plusSeconds(1))
                    .maxAffected(MaxAffected.parse("1"), null).build());
            SubmissionCluster.awaitState(worker, id, SubmissionState.Quarantined);
            worker.release(id, 2);
            for (String request : ids) {
                assertThat(worker.awaitResult(request, Duration.ofMinutes(2))).contains("\"status\":\"Completed\"");
            }
        }

        List<String> rows = allRowsAsText();

        assertThat(rows).as("the submission's rows were scanned").anyMatch(row -> row.contains(id))
                .anyMatch(row -> row.contains(ids.get(1)));
        assertThat(rows).as("rows holding the secret").noneMatch(row -> row.contains(DistributedFixture.SECRET));
    }

    @Test
    void aWorkflowDefinitionHoldingALiteralSecretIsRefusedButATemplateIsNot() {
        Idle idle = DistributedFixture.idle();
        String literal = DistributedFixture.LEAVER.replace("AuthSessionName = 'Corp' }",
                "AuthSessionName = 'Corp'; ClientSecret = 'Hunter2-literal' }");
        String template = DistributedFixture.LEAVER.replace("AuthSessionName = 'Corp' }",
                "AuthSessionName = 'Corp'; ClientSecret = '{{Request.Context.Secret}}' }");

        assertThatThrownBy(() -> SubmittedWorkflow.of(
                        idle.parseWorkflow(literal, "leaver.psd1"), "leaver.psd1"))
                .isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith("leaver.psd1: the workflow holds a secret value at workflow.Steps[0].With"
                        + ".ClientSecret;")
                .hasMessageNotContaining("Hunter2");
        assertThat(SubmittedWorkflow.of(idle.parseWorkflow(template, "leaver.psd1"), "leaver.psd1").json)
                .contains("{{Request.Context.Secret}}");
    }

    /** Every row of every user table of the test database, as PostgreSQL's text form of the row. */
    private static List<String> allRowsAsText() throws Exception {
        DatabaseSettings db = RealPostgres.settings();
        String password = db.passwordFile() == null ? null
                : Files.readString(db.passwordFile(), StandardCharsets.UTF_8).strip();
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), password);
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet t = s.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
                    + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (t.next()) {
                    tables.add(t.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
            }
        }
        return rows;
    }
}
