package dev.idle.cli;

import dev.idle.api.IdleInputException;
import dev.idle.runner.dbos.DatabaseSettings;
import dev.idle.runner.dbos.DbosClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the distributed commands ({@code worker}, {@code submit}, {@code status}, {@code results}) find the runner's
 * PostgreSQL: {@code --db} (a JDBC URL; TLS through its parameters, e.g. {@code sslmode=verify-full&sslrootcert=…}),
 * {@code --db-user}, {@code --db-password-file} (the password by reference only: never on the command line), each
 * falling back to {@code IDLE_PG_URL}, {@code IDLE_PG_USER}, {@code IDLE_PG_PASSWORD_FILE}; and {@code --db-schema},
 * the schema of DBOS's tables (one database may hold several clusters of workers, one per schema). A picocli mixin.
 */
final class DatabaseOptions {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** The command this mixin is part of: a missing database or user is that command's usage error. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--db", paramLabel = "<jdbc-url>",
            description = "PostgreSQL JDBC URL of the runner's database (default: IDLE_PG_URL), e.g."
                    + " jdbc:postgresql://db:5432/idle?sslmode=verify-full")
    String url;

    @Option(names = "--db-user", paramLabel = "<user>", description = "Database user (default: IDLE_PG_USER).")
    String user;

    @Option(names = "--db-password-file", paramLabel = "<file>",
            description = "File holding the database password (default: IDLE_PG_PASSWORD_FILE).")
    Path passwordFile;

    @Option(names = "--db-schema", paramLabel = "<name>", defaultValue = "${env:IDLE_PG_SCHEMA}",
            description = "Schema of the runner's DBOS tables (default: IDLE_PG_SCHEMA, else DBOS's own, dbos).")
    String schema;

    /**
     * The settings from the options, or else the environment.
     *
     * @throws CommandLine.ParameterException (a usage error) when the database or its user is not set
     * @throws IdleInputException naming the option that is wrong
     */
    DatabaseSettings settings(Function<String, String> env) {
        String u = url != null ? url : env.apply("IDLE_PG_URL");
        if (u == null || u.isBlank()) {
            throw new CommandLine.ParameterException(command.commandLine(), "the database is not set: give --db"
                    + " <jdbc-url> or set IDLE_PG_URL");
        }
        String who = user != null ? user : env.apply("IDLE_PG_USER");
        if (who == null || who.isBlank()) {
            throw new CommandLine.ParameterException(command.commandLine(), "the database user is not set: give"
                    + " --db-user <name> or set IDLE_PG_USER");
        }
        String pw = passwordFile != null ? passwordFile.toString() : env.apply("IDLE_PG_PASSWORD_FILE");
        Path file = pw == null || pw.isBlank() ? null : Path.of(pw);
        if (file != null && !Files.isReadable(file)) {
            throw new IdleInputException("--db-password-file " + file + ": file not found or not readable");
        }
        try {
            return new DatabaseSettings(u, who, file);
        } catch (IdleInputException e) {
            throw new IdleInputException("--db: " + e.getMessage(), e);
        }
    }

    /** The schema, checked; null for DBOS's default. */
    String schema() {
        if (schema != null && schema.isBlank()) {
            return null;
        }
        if (schema != null && !SCHEMA.matcher(schema).matches()) {
            throw new IdleInputException("--db-schema must be lower-case letters, digits and _ (at most 63), got '"
                    + schema + "'");
        }
        return schema;
    }

    /**
     * A client of the runs on the database and schema given (it starts no worker); the caller closes it.
     *
     * @throws IdleInputException when the database cannot be reached or no worker has created its tables yet
     */
    DbosClient client() {
        return DbosClient.open(settings(System::getenv), schema());
    }
}
