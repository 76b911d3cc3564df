package dev.idle.runner.dbos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Versions the runner's own schema ({@code idle_runner} by default) with Flyway; DBOS manages its system schema
 * itself. Two sets of migrations, each with its own history table in the runner's schema:
 * <ul>
 *   <li>{@code db/idle-runner} ({@code flyway_schema_history}): the tables (the shared write pace, worker leases,
 *       the recovery log); applied by every {@link PostgresWritePace} and every worker when it starts;</li>
 *   <li>{@code db/idle-runner-audit} ({@code flyway_audit_history}): the audit views over DBOS's tables, applied by a
 *       worker once DBOS has created its schema (the views name it).</li>
 * </ul>
 * A schema whose tables were made before it was versioned is adopted (baseline 0; the first migration creates only
 * what is absent). Concurrently starting workers apply each migration once: each migration run holds a
 * PostgreSQL advisory lock per schema, and Flyway takes its own.
 *
 * <p>How it fails: an {@link IllegalStateException} naming the schema and the SQL state or Flyway's message (never a
 * password). Stateless and thread-safe.
 */
final class RunnerSchema {
    /** The runner's schema when none is set. */
    static final String DEFAULT = "idle_runner";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private RunnerSchema() {
    }

    /** The runner's schema beside DBOS's {@code dbosSchema}: {@link #DEFAULT} beside {@code dbos}, else it + "_runner". */
    static String besides(String dbosSchema) {
        return "dbos".equals(dbosSchema) ? DEFAULT : dbosSchema + "_runner";
    }

    /** True for a schema name the runner accepts: lower-case letters, digits and {@code _}. */
    static boolean validName(String schema) {
        return schema != null && NAME.matcher(schema).matches();
    }

    /** Applies the table migrations not yet applied to {@code schema}, creating it if absent. */
    static void migrateTables(DatabaseSettings settings, String schema) {
        migrate(settings, schema, "db/idle-runner", "flyway_schema_history", Map.of());
    }

    /** Applies the audit-view migrations not yet applied to {@code schema}, over DBOS's {@code dbosSchema}. */
    static void migrateAuditViews(DatabaseSettings settings, String schema, String dbosSchema) {
        if (dbosSchema.contains("\"")) {
            throw new IllegalArgumentException("the DBOS schema name must not contain a double quote");
        }
        migrate(settings, schema, "db/idle-runner-audit", "flyway_audit_history", Map.of("dbos_schema", dbosSchema));
    }

    private static void migrate(DatabaseSettings settings, String schema, String location, String historyTable,
                                Map<String, String> placeholders) {
        if (!validName(schema)) {
            throw new IllegalArgumentException("schema must be lower-case letters, digits and _, got '" + schema + "'");
        }
        try (Connection lockHolder = settings.openConnection("idle runner schema migration")) {
            // Flyway locks while it migrates, but two workers creating the schema itself at once could still race
            lock(lockHolder, "pg_advisory_lock", schema);
            try {
                Flyway.configure(RunnerSchema.class.getClassLoader())
                        .dataSource(settings.url(), settings.user(),
                                settings.passwordFile() == null ? null : settings.readPassword())
                        .schemas(schema)
                        .defaultSchema(schema)
                        .createSchemas(true)
                        .table(historyTable)
                        .locations("classpath:" + location)
                        .placeholders(placeholders)
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
            } finally {
                lock(lockHolder, "pg_advisory_unlock", schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The runner's schema " + schema + " cannot be migrated: SQL state "
                    + e.getSQLState() + ".", e);
        } catch (FlywayException e) {
            throw new IllegalStateException("The runner's schema " + schema + " cannot be migrated: "
                    + e.getMessage(), e);
        }
    }

    private static void lock(Connection c, String function, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + function + "(hashtext('idle_runner migrate ' || ?))")) {
            s.setString(1, schema);
            s.executeQuery().close();
        }
    }
}
