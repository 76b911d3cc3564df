package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.Idle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The runner's schema: versioned by Flyway (idempotent when many workers start together, adopting tables made before
 * it was versioned), its audit views show each run, plan, step, event and results record, and retention removes only
 * runs that ended longer ago than the operator's age.
 */
class DistributedAuditTest {
    private final Idle idle = DistributedFixture.idle();
    private final DistributedFixture.WriteCounter counter = new DistributedFixture.WriteCounter();
    private final String schema = DistributedFixture.uniqueSchema();
    private final String runner = schema + "_runner";

    @Test
    void theAuditViewsShowEachRunItsPlanStepsEventsAndResultsRecord() throws Exception {
        String id = "audit-" + UUID.randomUUID();
        try (DbosRunner worker = DistributedFixture.runner(idle, counter).databaseSchema(schema).start()) {
            worker.submit(DistributedFixture.leaver(id, "jdoe"));
            worker.awaitResult(id, Duration.ofMinutes(2));
            String planHash = worker.planHash(id).orElseThrow();

            try (Connection c = RealPostgres.settings().openConnection("test")) {
                assertThat(rows(c, "SELECT state, workflow_name, request ->> 'correlationId',"
                        + " request_hash IS NOT NULL, created_at <= completed_at FROM " + runner + ".runs", id))
                        .containsExactly(List.of("SUCCESS", "idle-request", id, "t", "t"));
                assertThat(rows(c, "SELECT plan_hash, planned_at IS NOT NULL FROM " + runner + ".plans", id))
                        .containsExactly(List.of(planHash, "t"));
                assertThat(rows(c, "SELECT key, value #>> '{}' FROM " + runner + ".run_events", id))
                        .containsExactly(List.of("planHash", planHash));
                assertThat(rows(c, "SELECT step, outcome ->> 'status' FROM " + runner + ".run_steps"
                        + " WHERE step LIKE 'step %' AND run_id = ? ORDER BY step_no", id))
                        .containsExactly(List.of("step 0:Disable", "Completed"),
                                List.of("step 1:RevokeSessions", "Completed"));
                assertThat(rows(c, "SELECT status, correlation_id, record -> 'steps' -> 1 -> 'data' ->> 'Token'"
                        + " FROM " + runner + ".results", id))
                        .as("the record as stored: the step output's secret is redacted")
                        .containsExactly(List.of("Completed", id, "[REDACTED]"));
            }
        }
    }

    @Test
    void retentionRemovesOnlyRunsThatEndedLongerAgoThanTheGivenAge() throws Exception {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        try (DbosRunner worker = DistributedFixture.runner(idle, counter).databaseSchema(schema).start()) {
            for (String id : List.of(old, recent)) {
                worker.submit(DistributedFixture.leaver(id, "jdoe-" + id));
                worker.awaitResult(id, Duration.ofMinutes(2));
            }
        }
        try (Connection c = RealPostgres.settings().openConnection("test"); var s = c.createStatement()) {
            s.executeUpdate("UPDATE " + schema + ".workflow_status SET completed_at = completed_at - 2 * 86400000,"
                    + " updated_at = updated_at - 2 * 86400000, created_at = created_at - 2 * 86400000"
                    + " WHERE workflow_uuid = '" + old + "'");
            // a run that has not ended is kept however old it is
            s.executeUpdate("INSERT INTO " + schema + ".workflow_status (workflow_uuid, status, name, created_at,"
                    + " updated_at) VALUES ('waiting', 'PENDING', 'idle-request', 0, 0)");
        }

        RunRetention retention = new RunRetention(RealPostgres.settings(), schema, runner);
        int none = retention.prune(Duration.ofDays(3));
        int pruned = retention.prune(Duration.ofDays(1));

        assertThat(none).isZero();
        assertThat(pruned).isEqualTo(1);
        try (Connection c = RealPostgres.settings().openConnection("test")) {
            assertThat(rows(c, "SELECT run_id FROM " + runner + ".runs WHERE run_id <> ? ORDER BY run_id", ""))
                    .containsExactly(List.of(recent), List.of("waiting"));
            assertThat(rows(c, "SELECT count(*) FROM " + runner + ".run_steps", old))
                    .as("its checkpointed steps went with it").containsExactly(List.of("0"));
        }
    }

    @Test
    void workersStartingTogetherApplyEachMigrationOnceAndAdoptTablesMadeBeforeVersioning() throws Exception {
        DatabaseSettings settings = RealPostgres.settings();
        try (Connection c = settings.openConnection("test"); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + runner);
            s.execute("CREATE TABLE " + runner + ".write_pace (target text PRIMARY KEY, next_place bigint NOT NULL"
                    + " DEFAULT 0, next_free_at timestamptz NOT NULL DEFAULT 'epoch', paused_until timestamptz"
                    + " NOT NULL DEFAULT 'epoch')");
            s.execute("INSERT INTO " + runner + ".write_pace (target) VALUES ('kept')");
        }
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                started.add(workers.submit(() -> RunnerSchema.migrateTables(settings, runner)));
            }
            for (Future<?> f : started) {
                f.get();
            }
        } finally {
            workers.shutdown();
        }

        try (Connection c = settings.openConnection("test")) {
            assertThat(rows(c, "SELECT version, success FROM " + runner + ".flyway_schema_history"
                    + " WHERE version IS NOT NULL AND version <> ? ORDER BY installed_rank", "0"))
                    .containsExactly(List.of("1", "t"), List.of("2", "t"));
            assertThat(rows(c, "SELECT target FROM " + runner + ".write_pace WHERE target = ?", "kept"))
                    .hasSize(1);
        }
    }

    /** The rows of {@code sql} for {@code arg}: a query without a placeholder gets {@code WHERE run_id = arg}. */
    private static List<List<String>> rows(Connection c, String sql, String arg) throws Exception {
        String query = sql.contains("?") ? sql : sql + " WHERE run_id = ?";
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
