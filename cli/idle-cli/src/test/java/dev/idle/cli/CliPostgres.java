package dev.idle.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.idle.runner.dbos.DatabaseSettings;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server of the CLI's distributed tests, from the environment {@code .ci/postgres.sh env} prints (the
 * CLI reads the same variables): without one the tests skip, unless {@code IDLE_REQUIRE_POSTGRES=true} (CI), when
 * they fail. Each test uses a schema of its own ({@link #uniqueSchema}).
 */
final class CliPostgres {
    private CliPostgres() {
    }

    static DatabaseSettings settings() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(System.getenv());
        if (settings == null) {
            if ("true".equalsIgnoreCase(System.getenv("IDLE_REQUIRE_POSTGRES"))) {
                fail("PostgreSQL is required (IDLE_REQUIRE_POSTGRES) but IDLE_PG_URL is not set");
            }
            assumeTrue(false, "no PostgreSQL: IDLE_PG_URL is not set (bash .ci/postgres.sh start)");
        }
        return settings;
    }

    static String uniqueSchema() {
        return "idle_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }
}
