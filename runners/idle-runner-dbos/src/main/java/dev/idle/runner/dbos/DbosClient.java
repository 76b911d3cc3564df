package dev.idle.runner.dbos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbos.transact.DBOSClient;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.WorkflowState;
import dev.dbos.transact.workflow.WorkflowStatus;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.runner.Approval;
import dev.idle.runner.DistributedRunner;
import dev.idle.runner.SubmissionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The {@link DistributedRunner} of a process that only submits and queries: it writes submissions into the queues of
 * the database's workers and reads their state, and runs nothing itself (a {@link DbosRunner} is a worker). A worker
 * must have started once on the database (it creates DBOS's tables); {@link #open} says so otherwise.
 *
 * <pre>{@code
 * try (DbosClient client = DbosClient.open(DatabaseSettings.fromEnvironment(System.getenv()), null)) {
 *     client.submit(SubmissionSpec.builder(tree, "leaver.psd1").id("leavers-1204").requests(leavers).build());
 * }
 * }</pre>
 *
 * <p>How it fails: bad submissions with {@link IdleInputException} before anything is written; an unreachable
 * database with DBOS's exceptions. No password appears in a message. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DbosClient implements DistributedRunner {
    /** DBOS attributes of a submission run, readable without loading its (large) input. */
    static final String ATTR_REQUESTS = "idleRequests";
    static final String ATTR_NOT_BEFORE = "idleNotBefore";
    /** DBOS's schema when none is given. */
    static final String DEFAULT_SCHEMA = "dbos";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int PAGE = 500;
    private static final Set<WorkflowState> DONE = EnumSet.of(WorkflowState.SUCCESS, WorkflowState.ERROR,
            WorkflowState.CANCELLED, WorkflowState.MAX_RECOVERY_ATTEMPTS_EXCEEDED);

    private final DBOSClient dbos;
    private final SubmittedWorkflow workflow;
    private final DbosApprovals approvals;

    private DbosClient(DBOSClient dbos, SubmittedWorkflow workflow) {
        this.dbos = dbos;
        this.workflow = workflow;
        this.approvals = DbosApprovals.over(dbos);
    }

    /**
     * A client of the runs in {@code schema} (DBOS's default when null) of the database of {@code settings}; the
     * password is read from its file now.
     */
    public static DbosClient open(DatabaseSettings settings, String schema) {
        return open(settings, schema, null);
    }

    /** As {@link #open(DatabaseSettings, String)}, with the workflow {@link #submit(LifecycleRequest)} uses. */
    static DbosClient open(DatabaseSettings settings, String schema, SubmittedWorkflow workflow) {
        requireRunnerTables(settings, schema == null ? DEFAULT_SCHEMA : schema);
        String password = settings.passwordFile() == null ? "" : settings.readPassword();
        return new DbosClient(new DBOSClient(settings.url(), settings.user(), password, schema), workflow);
    }

    /**
     * Fails with a message that says what to do when the database cannot be reached, or no worker has ever started
     * on {@code schema} (DBOS's tables, which a worker creates, are missing): DBOS's own failures would not say.
     */
    private static void requireRunnerTables(DatabaseSettings settings, String schema) {
        try (Connection c = settings.openConnection("idle client");
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.tables"
                     + " WHERE table_schema = ? AND table_name = 'workflow_status'")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IdleInputException("database " + settings.url() + ": schema '" + schema + "' holds no"
                            + " runner tables yet; start a worker on it first (idle worker), which creates them");
                }
            }
        } catch (SQLException e) {
            throw new IdleInputException("database " + settings.url() + ": cannot be reached (SQL state "
                    + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Submits {@code request} alone with the workflow its runner was built with: one request run, no submission
     * around it.
     *
     * @throws IllegalStateException when this client has no workflow of its own (use {@link #submit(SubmissionSpec)})
     */
    @Override
    public Submission submit(LifecycleRequest request) {
        if (workflow == null) {
            throw new IllegalStateException("this client has no workflow of its own: submit a SubmissionSpec");
        }
        if (request.correlationIdGenerated()) {
            throw new IdleInputException("request: correlationId is required for a distributed run (it is the"
                    + " run's id, which makes a repeated submission a no-op)");
        }
        String id = request.correlationId();
        SubmittedRequest stored = SubmittedRequest.of(request);
        if (dbos.getWorkflowStatus(id).isPresent()) {
            requireSame(id, RequestWorkflow.NAME, stored.hash, "correlationId", "request");
            return new Submission(id, true);
        }
        dbos.enqueueWorkflow(new DBOSClient.EnqueueOptions(RequestWorkflow.NAME, Queues.REQUEST_CLASS, Queues.REQUESTS)
                .withWorkflowId(id), new Object[] {stored.json, stored.hash, workflow.source, workflow.hash,
                workflow.json, "0 0"});
        // a concurrent submission under the same id may have been first: then ours was dropped for its run
        requireSame(id, RequestWorkflow.NAME, stored.hash, "correlationId", "request");
        return new Submission(id, false);
    }

    @Override
    public Submission submit(SubmissionSpec submission) {
        StoredSubmission s = StoredSubmission.of(submission);
        if (dbos.getWorkflowStatus(s.id).isPresent()) {
            requireSame(s.id, SubmissionWorkflow.NAME, s.hash, "submission id", "submission");
            return new Submission(s.id, true);
        }
        requireFreeOrSameRequests(s);
        DBOSClient.EnqueueOptions options = new DBOSClient.EnqueueOptions(SubmissionWorkflow.NAME,
                Queues.SUBMISSION_CLASS, Queues.SUBMISSIONS).withWorkflowId(s.id)
                .withAttributes(Map.of(ATTR_REQUESTS, s.requests.size(),
                        ATTR_NOT_BEFORE, s.notBefore == null ? "" : s.notBefore.toString()));
        Instant now = Instant.now();
        if (s.notBefore != null && s.notBefore.isAfter(now)) {
            options = options.withDelay(Duration.between(now, s.notBefore));
        }
        dbos.enqueueWorkflow(options, new Object[] {s.json, s.hash});
        requireSame(s.id, SubmissionWorkflow.NAME, s.hash, "submission id", "submission");
        return new Submission(s.id, false);
    }

    /** Refuses a submission one of whose correlation ids already names a run of a different request. */
    private void requireFreeOrSameRequests(StoredSubmission s) {
        for (int from = 0; from < s.requests.size(); from += PAGE) {
            List<StoredSubmission.Entry> page = s.requests.subList(from, Math.min(s.requests.size(), from + PAGE));
            List<String> ids = page.stream().map(e -> e.request().correlationId).toList();
            for (WorkflowStatus taken : dbos.listWorkflows(new ListWorkflowsInput().withWorkflowIds(ids)
                    .withLoadInput(true).withLoadOutput(false))) {
                StoredSubmission.Entry e = page.get(ids.indexOf(taken.workflowId()));
                if (!sameInput(taken, RequestWorkflow.NAME, e.request().hash)) {
                    throw new IdleInputException("request at line " + e.line() + ": correlationId '"
                            + taken.workflowId() + "' was already submitted with a different request; nothing was"
                            + " submitted");
                }
            }
        }
    }

    private void requireSame(String id, String workflowName, String hash, String idName, String what) {
        WorkflowStatus status = dbos.getWorkflowStatus(id).orElseThrow();
        if (!sameInput(status, workflowName, hash)) {
            throw new IdleInputException(what + ": " + idName + " '" + id + "' was already submitted with a different "
                    + what + "; submit this one under a new " + idName);
        }
    }

    private static boolean sameInput(WorkflowStatus status, String workflowName, String hash) {
        Object[] input = status.input();
        return workflowName.equals(status.workflowName()) && input != null && input.length >= 2
                && hash.equals(input[1]);
    }

    @Override
    public Optional<SubmissionState> status(String id) {
        return details(id).map(SubmissionStatus::state);
    }

    @Override
    public Optional<SubmissionStatus> details(String id) {
        Optional<WorkflowStatus> found = dbos.getWorkflowStatus(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkflowStatus s = found.get();
        if (RequestWorkflow.NAME.equals(s.workflowName())) {
            SubmissionState state = (s.status() == WorkflowState.PENDING || s.status() == WorkflowState.ENQUEUED)
                    && approvals.awaiting(id)
                    ? SubmissionState.AwaitingApproval : state(s.status());
            return Optional.of(new SubmissionStatus(id, false, state, s.delayUntil(), 1,
                    DONE.contains(s.status()) ? 1 : 0, 0, null));
        }
        if (!SubmissionWorkflow.NAME.equals(s.workflowName())) {
            return Optional.empty();
        }
        return Optional.of(submissionStatus(s));
    }

    private SubmissionStatus submissionStatus(WorkflowStatus s) {
        long requests = ((Number) s.attributes().get(ATTR_REQUESTS)).longValue();
        String nb = (String) s.attributes().get(ATTR_NOT_BEFORE);
        Instant notBefore = nb == null || nb.isEmpty() ? null : Instant.parse(nb);
        long finished = 0;
        long refused = 0;
        Long affected = null;
        SubmissionState state = state(s.status());
        // PENDING on a worker, or ENQUEUED again after its worker restarted (DBOS's recovery re-queues a queued run):
        // a quarantine published before stays true until the run takes a release up
        if (s.status() == WorkflowState.PENDING || s.status() == WorkflowState.ENQUEUED) {
            JsonNode q = SubmissionWorkflowImpl.readJson((String) dbos.getEvent(s.workflowId(),
                    SubmissionWorkflowImpl.QUARANTINE_EVENT, Duration.ZERO).orElse(null));
            if (q != null && !q.get("released").asBoolean()) {
                state = SubmissionState.Quarantined;
                affected = q.get("affected").asLong();
            }
        } else if (s.status() == WorkflowState.SUCCESS) {
            Summary summary = Summary.of(s);
            refused = summary.conflicts.size();
            for (List<String> page : summary.pages()) {
                finished += dbos.listWorkflows(new ListWorkflowsInput().withWorkflowIds(page)
                        .withStatus(List.copyOf(DONE)).withLoadInput(false).withLoadOutput(false)).size();
            }
            state = finished + refused >= requests ? SubmissionState.Finished : SubmissionState.Running;
        }
        return new SubmissionStatus(s.workflowId(), true, state, notBefore, requests, finished, refused, affected);
    }

    /** What a finished submission run returned: its request runs' ids and those refused when they started. */
    private record Summary(List<String> ids, Set<String> conflicts) {
        static Summary of(WorkflowStatus submission) {
            JsonNode out = SubmissionWorkflowImpl.readJson((String) submission.output());
            Set<String> conflicts = new java.util.HashSet<>();
            out.get("conflicts").forEach(c -> conflicts.add(c.get("correlationId").asText()));
            List<String> ids = new ArrayList<>();
            out.get("ids").forEach(id -> {
                if (!conflicts.contains(id.asText())) {
                    ids.add(id.asText());
                }
            });
            return new Summary(ids, conflicts);
        }

        /** The ids, {@value #PAGE} at a time. */
        List<List<String>> pages() {
            List<List<String>> pages = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += PAGE) {
                pages.add(ids.subList(from, Math.min(ids.size(), from + PAGE)));
            }
            return pages;
        }
    }

    private static SubmissionState state(WorkflowState state) {
        return switch (state) {
            case ENQUEUED, DELAYED -> SubmissionState.Waiting;
            case PENDING -> SubmissionState.Running;
            case SUCCESS -> SubmissionState.Finished;
            case ERROR, CANCELLED, MAX_RECOVERY_ATTEMPTS_EXCEEDED -> SubmissionState.Ended;
        };
    }

    @Override
    public List<SubmissionStatus> scheduled() {
        List<SubmissionStatus> waiting = new ArrayList<>();
        for (WorkflowStatus s : dbos.listWorkflows(new ListWorkflowsInput().withWorkflowName(SubmissionWorkflow.NAME)
                .withStatus(WorkflowState.DELAYED, WorkflowState.ENQUEUED, WorkflowState.PENDING)
                .withLoadInput(false).withLoadOutput(false))) {
            SubmissionStatus status = submissionStatus(s);
            if (status.state() != SubmissionState.Running) {
                waiting.add(status);
            }
        }
        waiting.sort(Comparator.comparing(SubmissionStatus::notBefore, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(SubmissionStatus::id));
        return waiting;
    }

    @Override
    public Optional<String> result(String id) {
        return dbos.getWorkflowStatus(id).filter(s -> RequestWorkflow.NAME.equals(s.workflowName())
                && s.status() == WorkflowState.SUCCESS).map(s -> (String) s.output());
    }

    @Override
    public String awaitResult(String id, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<SubmissionState> state = status(id);
            if (state.orElse(null) == SubmissionState.Finished) {
                return result(id).orElseThrow(() -> new IllegalStateException(id
                        + ": a submission has no results record of its own; ask for its requests' results"));
            }
            if (state.orElse(null) == SubmissionState.Ended) {
                throw new IllegalStateException(id + ": the run ended without a results record ("
                        + dbos.getWorkflowStatus(id).map(s -> s.status().name()).orElse("unknown") + ")");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(id + ": no result within " + timeout + " (state: "
                        + state.map(Enum::name).orElse("unknown") + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    public void results(Instant since, String submissionId, Consumer<String> onRecord) {
        Objects.requireNonNull(onRecord, "onRecord");
        ListWorkflowsInput query = new ListWorkflowsInput().withWorkflowName(RequestWorkflow.NAME)
                .withStatus(WorkflowState.SUCCESS).withLoadInput(false).withLoadOutput(true).withSortDesc(false);
        if (since != null) {
            query = query.withCompletedAfter(since);
        }
        if (submissionId == null) {
            for (int offset = 0; ; offset += PAGE) {
                List<WorkflowStatus> page = dbos.listWorkflows(query.withLimit(PAGE).withOffset(offset));
                page.forEach(s -> onRecord.accept((String) s.output()));
                if (page.size() < PAGE) {
                    return;
                }
            }
        }
        Optional<WorkflowStatus> submission = dbos.getWorkflowStatus(submissionId)
                .filter(s -> SubmissionWorkflow.NAME.equals(s.workflowName()));
        if (submission.isEmpty()) {
            throw new IdleInputException("submission '" + submissionId + "': no submission has this id");
        }
        if (submission.get().status() != WorkflowState.SUCCESS) {
            return; // its requests have not started yet
        }
        for (List<String> page : Summary.of(submission.get()).pages()) {
            dbos.listWorkflows(query.withWorkflowIds(page)).forEach(s -> onRecord.accept((String) s.output()));
        }
    }

    @Override
    public void release(String submissionId, long confirmAffected, String releasedBy) {
        String by = DbosApprovals.text(releasedBy, "releasedBy", DbosApprovals.MAX_NAME);
        Optional<SubmissionStatus> status = details(submissionId).filter(SubmissionStatus::submission);
        if (status.isEmpty()) {
            throw new IdleInputException("submission '" + submissionId + "': no submission has this id");
        }
        if (status.get().state() != SubmissionState.Quarantined) {
            throw new IdleInputException("submission '" + submissionId + "' is not quarantined (it is "
                    + status.get().state() + "); nothing was released");
        }
        long affected = status.get().affected();
        if (confirmAffected != affected) {
            throw new IdleInputException("submission '" + submissionId + "': the confirmed count " + confirmAffected
                    + " does not match: " + affected + " of " + status.get().requests() + " requests would change"
                    + " something; nothing was released. Confirm " + affected + " to release it.");
        }
        dbos.send(submissionId, SubmissionWorkflowImpl.releaseMessage(confirmAffected, by), SubmissionWorkflowImpl.RELEASE_TOPIC,
                "release-" + submissionId);
    }

    @Override
    public void approve(String id, String planHash, String approvedBy) {
        approvals.approve(id, planHash, approvedBy);
    }

    @Override
    public void reject(String id, String reason, String rejectedBy) {
        approvals.reject(id, reason, rejectedBy);
    }

    @Override
    public Optional<Approval> approval(String id) {
        return approvals.approval(id);
    }

    @Override
    public Optional<String> plan(String id) {
        return approvals.plan(id);
    }

    @Override
    public void close() {
        dbos.close();
    }
}
