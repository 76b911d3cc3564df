package dev.idle.runner.dbos;

import dev.dbos.transact.config.DBOSConfig;
import dev.idle.api.IdleInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Objects;
import java.util.Properties;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Where the distributed runner keeps its state: a PostgreSQL JDBC URL, a user, and the password <em>by reference</em>
 * (a file, read when DBOS connects), so that no password sits on a command line, in a host file or in a log. The
 * {@link #toString()} names the URL and user only.
 *
 * <p>From the environment: {@code IDLE_PG_URL} ({@code jdbc:postgresql://host:port/db}, TLS through the driver's URL
 * parameters such as {@code sslmode=verify-full}), {@code IDLE_PG_USER}, {@code IDLE_PG_PASSWORD_FILE}. A URL to a
 * host that is not loopback must verify the server ({@code sslmode=verify-full} or {@code verify-ca}), and no URL may
 * carry a password ({@link DatabaseUrlPolicy}): credentials never travel in cleartext beyond this machine.
 *
 * <p>Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DatabaseSettings(String url, String user, Path passwordFile) {
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IdleInputException("database URL must start with jdbc:postgresql://, got '" + url + "'");
        }
        DatabaseUrlPolicy.check(url);
    }

    /**
     * The settings in {@code env} ({@code IDLE_PG_URL}, {@code IDLE_PG_USER}, {@code IDLE_PG_PASSWORD_FILE}), or null
     * when {@code IDLE_PG_URL} is not set.
     *
     * @throws IdleInputException when the URL is set but the user is not, naming the variable
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        String url = env.get("IDLE_PG_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        String user = env.get("IDLE_PG_USER");
        if (user == null || user.isBlank()) {
            throw new IdleInputException("IDLE_PG_URL is set but IDLE_PG_USER is not");
        }
        String file = env.get("IDLE_PG_PASSWORD_FILE");
        return new DatabaseSettings(url, user, file == null || file.isBlank() ? null : Path.of(file));
    }

    /**
     * A DBOS configuration for application {@code appName} on this database; the password is read from its file now.
     *
     * @throws IdleInputException when the password file cannot be read (its path is named, never its content)
     */
    public DBOSConfig toDbosConfig(String appName) {
        DBOSConfig config = DBOSConfig.defaults(appName).withDatabaseUrl(url).withDbUser(user);
        return passwordFile == null ? config : config.withDbPassword(readPassword());
    }

    String readPassword() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IdleInputException(passwordFile + ": cannot read the database password file: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * A plain JDBC connection (auto-commit on) for the runner's own tables, named {@code applicationName} in
     * {@code pg_stat_activity}; the password is read from its file now.
     */
    Connection openConnection(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (passwordFile != null) {
            props.setProperty("password", readPassword());
        }
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, props);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + (passwordFile == null ? "" : ", password from "
                + passwordFile) + "]";
    }
}
