-- Worker liveness: each worker renews its lease (times are the database's clock); a worker whose lease expired is
-- taken for dead, and the recovery watchdog hands its unfinished runs to a live worker through that worker's DBOS
-- admin server (admin_url).
CREATE TABLE ${flyway:defaultSchema}.worker_lease (
    executor_id  text PRIMARY KEY,
    admin_url    text        NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    heartbeat_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    expires_at   timestamptz NOT NULL
);

-- One row per hand-over the watchdog made: whose runs went to which worker, when, and how many.
CREATE TABLE ${flyway:defaultSchema}.recovery_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dead_executor   text        NOT NULL,
    taken_over_by   text        NOT NULL,
    lease_expired_at timestamptz NOT NULL,
    handed_over_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    runs            int         NOT NULL
);
