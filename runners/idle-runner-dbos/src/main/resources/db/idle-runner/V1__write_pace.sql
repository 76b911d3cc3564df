-- The shared write pace of PostgresWritePace: per target the next place, the earliest time the next write may go
-- and a pause; and a ring of the target's last writes with the time each went and was answered.
-- IF NOT EXISTS: a database whose tables were made before the schema was versioned keeps them (baseline 0).
CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.write_pace (
    target       text PRIMARY KEY,
    next_place   bigint      NOT NULL DEFAULT 0,
    next_free_at timestamptz NOT NULL DEFAULT 'epoch',
    paused_until timestamptz NOT NULL DEFAULT 'epoch'
);

CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.write_window (
    target      text        NOT NULL,
    slot        int         NOT NULL,
    place       bigint      NOT NULL,
    sent_at     timestamptz NOT NULL,
    answered_at timestamptz,
    PRIMARY KEY (target, slot)
);
