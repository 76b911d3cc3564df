package dev.idle.runner.dbos;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PostgreSQL server the runner's tests use, from the environment that {@code .ci/postgres.sh env} prints. Without
 * one the tests skip, unless {@code IDLE_REQUIRE_POSTGRES=true} (set by {@code .ci/run}): then they fail, so CI never
 * passes by skipping them.
 */
final class RealPostgres {
    private RealPostgres() {
    }

    /** The settings of the test server; skips (or fails, when required) the calling test when there is none. */
    static DatabaseSettings settings() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(System.getenv());
        if (settings == null) {
            if ("true".equalsIgnoreCase(System.getenv("IDLE_REQUIRE_POSTGRES"))) {
                fail("PostgreSQL is required (IDLE_REQUIRE_POSTGRES) but IDLE_PG_URL is not set;"
                        + " start one with: bash .ci/postgres.sh start && eval \"$(bash .ci/postgres.sh env)\"");
            }
            assumeTrue(false, "no PostgreSQL: IDLE_PG_URL is not set (bash .ci/postgres.sh start)");
        }
        return settings;
    }
}
