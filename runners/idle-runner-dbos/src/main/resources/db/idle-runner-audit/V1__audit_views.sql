-- The audit trail as views over DBOS's system tables ("${dbos_schema}") and the runner's own. Everything DBOS stores
-- for the runner is already redacted (a request carrying a secret value is refused; step outcomes, plans and
-- results are stored redacted), so the views show nothing that is not shown elsewhere. Times are timestamptz.

-- DBOS keeps values as JSON text; a value that is not JSON shows as NULL instead of failing the whole query.
CREATE OR REPLACE FUNCTION ${flyway:defaultSchema}.try_jsonb(value text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE AS
$$
BEGIN
    RETURN value::jsonb;
EXCEPTION
    WHEN others THEN RETURN NULL;
END
$$;

-- One row per run (a DBOS workflow): its id (the request's correlation id), state (DBOS's: PENDING, ENQUEUED,
-- SUCCESS, ERROR, ...), the workflow's name, the request as submitted (the first argument, when it is a JSON
-- object) with its SHA-256, the executor (worker) that owns it now, and when it was created, last updated and ended.
CREATE VIEW ${flyway:defaultSchema}.runs AS
SELECT w.workflow_uuid                                                                   AS run_id,
       w.status                                                                          AS state,
       w.name                                                                            AS workflow_name,
       ${flyway:defaultSchema}.try_jsonb(${flyway:defaultSchema}.try_jsonb(w.inputs) -> 1 ->> 0) AS request,
       ${flyway:defaultSchema}.try_jsonb(w.inputs) -> 1 ->> 1                            AS request_hash,
       w.executor_id                                                                     AS executor,
       w.recovery_attempts                                                               AS recovery_attempts,
       w.queue_name                                                                      AS queue_name,
       to_timestamp(w.created_at / 1000.0)                                               AS created_at,
       to_timestamp(w.updated_at / 1000.0)                                               AS updated_at,
       to_timestamp(w.completed_at / 1000.0)                                             AS completed_at
FROM "${dbos_schema}".workflow_status w;

-- Every event a run published (DBOS workflow events): the plan hash ('planHash'), approvals and whatever later
-- parts of the runner record there, with the value as JSON.
CREATE VIEW ${flyway:defaultSchema}.run_events AS
SELECT e.workflow_uuid                                AS run_id,
       e.key                                          AS key,
       ${flyway:defaultSchema}.try_jsonb(e.value)     AS value
FROM "${dbos_schema}".workflow_events e;

-- The plan of each run that was planned: its hash, and when the plan was checkpointed.
CREATE VIEW ${flyway:defaultSchema}.plans AS
SELECT e.workflow_uuid                                        AS run_id,
       ${flyway:defaultSchema}.try_jsonb(e.value) #>> '{}'    AS plan_hash,
       to_timestamp(o.completed_at_epoch_ms / 1000.0)         AS planned_at
FROM "${dbos_schema}".workflow_events e
         LEFT JOIN "${dbos_schema}".operation_outputs o
                   ON o.workflow_uuid = e.workflow_uuid AND o.function_name = 'plan'
WHERE e.key = 'planHash';

-- Each checkpointed step of each run, in order: DBOS's step name ('started', 'plan', 'step <n>:<plan step name>',
-- ...), its recorded outcome as JSON (a plan step's StepOutcome; the plan hash or start time as a JSON string), an
-- error if it failed, and when it ran.
CREATE VIEW ${flyway:defaultSchema}.run_steps AS
SELECT o.workflow_uuid                                                                          AS run_id,
       o.function_id                                                                            AS step_no,
       o.function_name                                                                          AS step,
       coalesce(${flyway:defaultSchema}.try_jsonb(${flyway:defaultSchema}.try_jsonb(o.output) #>> '{}'),
                ${flyway:defaultSchema}.try_jsonb(o.output))                                    AS outcome,
       o.error                                                                                  AS error,
       to_timestamp(o.started_at_epoch_ms / 1000.0)                                             AS started_at,
       to_timestamp(o.completed_at_epoch_ms / 1000.0)                                           AS completed_at
FROM "${dbos_schema}".operation_outputs o;

-- The results record of each finished run (the format of `idle batch`'s results file), with its status and
-- correlation id pulled out.
CREATE VIEW ${flyway:defaultSchema}.results AS
SELECT r.run_id,
       r.record ->> 'status'        AS status,
       r.record ->> 'correlationId' AS correlation_id,
       r.finished_at,
       r.record
FROM (SELECT w.workflow_uuid                                                                         AS run_id,
             ${flyway:defaultSchema}.try_jsonb(${flyway:defaultSchema}.try_jsonb(w.output) #>> '{}') AS record,
             to_timestamp(coalesce(w.completed_at, w.updated_at) / 1000.0)                           AS finished_at
      FROM "${dbos_schema}".workflow_status w
      WHERE w.status = 'SUCCESS') r
WHERE jsonb_typeof(r.record) = 'object' AND r.record ? 'status';
