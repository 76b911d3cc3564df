package dev.idle.cli;

import dev.idle.runner.dbos.DatabaseSettings;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The database options of the distributed commands (a picocli mixin): where the runner's PostgreSQL is, each option
 * defaulting to its environment variable. The password is given by reference only (a file), never on the command
 * line. Not thread-safe: one command's options.
 */
final class DatabaseOptions {
    @Option(names = "--db", paramLabel = "<jdbc-url>", defaultValue = "${env:IDLE_PG_URL}",
            description = "The runner's PostgreSQL, jdbc:postgresql://host:port/db (TLS through the driver's URL"
                    + " parameters, e.g. ?sslmode=verify-full). Default: $IDLE_PG_URL.")
    String url;

    @Option(names = "--db-user", paramLabel = "<name>", defaultValue = "${env:IDLE_PG_USER}",
            description = "The database user. Default: $IDLE_PG_USER.")
    String user;

    @Option(names = "--db-password-file", paramLabel = "<file>", defaultValue = "${env:IDLE_PG_PASSWORD_FILE}",
            description = "A file holding the database password. Default: $IDLE_PG_PASSWORD_FILE.")
    Path passwordFile;

    @Option(names = "--db-schema", paramLabel = "<schema>", defaultValue = "${env:IDLE_PG_SCHEMA}",
            description = "The schema of the runner's tables, as the workers use it. Default: $IDLE_PG_SCHEMA, else"
                    + " the runner's default.")
    String schema;

    /**
     * The settings given.
     *
     * @throws CommandLine.ParameterException when the URL or the user is missing, naming the option and variable
     */
    DatabaseSettings settings(CommandLine cl) {
        if (url == null || url.isBlank()) {
            throw new CommandLine.ParameterException(cl, "the database is not set: give --db <jdbc-url> or set"
                    + " IDLE_PG_URL");
        }
        if (user == null || user.isBlank()) {
            throw new CommandLine.ParameterException(cl, "the database user is not set: give --db-user <name> or"
                    + " set IDLE_PG_USER");
        }
        return new DatabaseSettings(url, user, passwordFile);
    }

    /** The schema, or null for the default. */
    String schema() {
        return schema == null || schema.isBlank() ? null : schema;
    }
}
