package dev.idle.runner;

import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.MaxAffected;
import dev.idle.api.data.DataMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What one submission to a {@link DistributedRunner} carries: the workflow definition itself (its loaded tree and the
 * name of its source, so a worker needs only the host: providers and secrets), one or more requests, the
 * submission's id, and optionally a time before which nothing runs and the blast-radius limit that is checked again
 * when that time comes.
 *
 * <pre>{@code
 * SubmissionSpec spec = SubmissionSpec.builder(idle.loadWorkflow(Path.of("leaver.psd1")), "leaver.psd1")
 *         .id("leavers-2026-12-04").requests(leavers)
 *         .notBefore(Instant.parse("2027-01-03T02:00:00Z")).maxAffected(MaxAffected.parse("50"), null)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe once built (the workflow tree and requests are not copied: do not change them
 * afterwards).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SubmissionSpec {
    private final DataMap workflow;
    private final String workflowSource;
    private final List<LifecycleRequest> requests;
    private final List<Long> lines;
    private final String id;
    private final boolean deriveIds;
    private final Instant notBefore;
    private final MaxAffected maxAffected;
    private final Long confirmedAffected;

    private SubmissionSpec(Builder b) {
        this.workflow = b.workflow;
        this.workflowSource = b.workflowSource;
        this.requests = List.copyOf(b.requests);
        this.lines = List.copyOf(b.lines);
        this.id = b.id;
        this.deriveIds = b.deriveIds;
        this.notBefore = b.notBefore;
        this.maxAffected = b.maxAffected;
        this.confirmedAffected = b.confirmedAffected;
    }

    /** A submission of {@code workflow} (a loaded workflow tree); {@code source} names it in messages. */
    public static Builder builder(DataMap workflow, String source) {
        return new Builder(Objects.requireNonNull(workflow, "workflow"), Objects.requireNonNull(source, "source"));
    }

    public DataMap workflow() {
        return workflow;
    }

    public String workflowSource() {
        return workflowSource;
    }

    /** The requests, in submission order. */
    public List<LifecycleRequest> requests() {
        return requests;
    }

    /** The 1-based input line of each request (its position when given in code). */
    public List<Long> lines() {
        return lines;
    }

    /** The submission's id; null when it is to be derived ({@link #deriveIds()}). */
    public String id() {
        return id;
    }

    /**
     * Whether a missing submission id is derived from the hash of the workflow and the requests, and each missing
     * correlation id from the hash of its request.
     */
    public boolean deriveIds() {
        return deriveIds;
    }

    /** Nothing of the submission runs before this instant; null: as soon as a worker takes it up. */
    public Instant notBefore() {
        return notBefore;
    }

    /** The blast-radius limit checked when the submission starts; null: none. */
    public MaxAffected maxAffected() {
        return maxAffected;
    }

    /** The count of affected requests the submitter confirmed above {@link #maxAffected()}; null: none. */
    public Long confirmedAffected() {
        return confirmedAffected;
    }

    /** Builds a {@link SubmissionSpec}. Not thread-safe. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final DataMap workflow;
        private final String workflowSource;
        private final List<LifecycleRequest> requests = new ArrayList<>();
        private final List<Long> lines = new ArrayList<>();
        private String id;
        private boolean deriveIds;
        private Instant notBefore;
        private MaxAffected maxAffected;
        private Long confirmedAffected;

        private Builder(DataMap workflow, String workflowSource) {
            this.workflow = workflow;
            this.workflowSource = workflowSource;
        }

        /** The submission's id: a second submission under it with the same content is a no-op. */
        public Builder id(String value) {
            this.id = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** Derive the submission id (when none is given) and each missing correlation id from hashes. */
        public Builder deriveIds() {
            this.deriveIds = true;
            return this;
        }

        /** Adds a request, numbered by its position. */
        public Builder request(LifecycleRequest request) {
            return request(request, requests.size() + 1L);
        }

        /** Adds a request read at {@code line} of a requests file. */
        public Builder request(LifecycleRequest request, long line) {
            requests.add(Objects.requireNonNull(request, "request"));
            lines.add(line);
            return this;
        }

        public Builder requests(Iterable<LifecycleRequest> values) {
            values.forEach(this::request);
            return this;
        }

        public Builder notBefore(Instant value) {
            this.notBefore = value;
            return this;
        }

        /**
         * The blast-radius limit, checked again by the worker when the submission starts: above it (and above
         * {@code confirmed}, when given) the submission is quarantined as a whole until released.
         */
        public Builder maxAffected(MaxAffected limit, Long confirmed) {
            this.maxAffected = limit;
            this.confirmedAffected = confirmed;
            return this;
        }

        /**
         * @throws IdleInputException when there is no request, or no id and ids are not to be derived
         */
        public SubmissionSpec build() {
            if (requests.isEmpty()) {
                throw new IdleInputException("submission: no request to submit");
            }
            if (id == null && !deriveIds) {
                throw new IdleInputException("submission: an id is required (or ask for ids derived from the"
                        + " workflow and the requests)");
            }
            if (confirmedAffected != null && confirmedAffected < 0) {
                throw new IdleInputException("submission: the confirmed count of affected requests must not be"
                        + " negative, got " + confirmedAffected);
            }
            return new SubmissionSpec(this);
        }
    }
}
