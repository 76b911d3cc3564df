package dev.idle.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.MaxAffected;
import dev.idle.api.RequestSource;
import dev.idle.api.data.DataMap;
import dev.idle.runner.DistributedRunner.Submission;
import dev.idle.runner.SubmissionSpec;
import dev.idle.runner.dbos.DatabaseSettings;
import dev.idle.runner.dbos.DbosClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code idle submit --workflow <file> (--request <file> | --requests <file>) (--id ID | --derive-ids) [--host <file>]
 * [--not-before INSTANT] [--max-affected N|P%] [--confirm-affected N] [database options]}: hands a request or a
 * requests file, with the workflow definition, to the workers of a database ({@link DbosClient}); this process runs
 * nothing. The submission's id is {@code --id}, or derived from the workflow and the requests with
 * {@code --derive-ids} (which also derives a missing correlation id from its request): the same submission again is a
 * no-op, a different one under a taken id is refused.
 *
 * <p>The blast-radius guard is {@code idle batch}'s ({@link BlastRadiusGuard}): with {@code --max-affected} (or the
 * host's {@code executionOptions.maxAffected}) or {@code --confirm-affected}, every request is planned with the
 * {@code --host} given here and the submission refused above the limit unless the exact count is confirmed; the
 * limit travels with the submission, and its workers check it again when it starts (a scheduled one above it then is
 * quarantined until {@code idle approve --submission ID --confirm-affected N} releases it).
 *
 * <p>Prints one JSON object to stdout ({@code submission}, {@code requests}, {@code alreadySubmitted},
 * {@code notBefore}). Exit 0 when submitted (or already there); 2 for bad input, an id taken by a different
 * submission or request, or a guard refusal: nothing is submitted then.
 */
@Command(name = "submit", description = "Submit a request or a requests file to the workers of a PostgreSQL database.")
final class SubmitCommand implements Callable<Integer> {
    @Option(names = "--workflow", required = true, paramLabel = "<file>", description = "The workflow file.")
    Path workflow;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Requests requests;

    /** Exactly one of the two. */
    static final class Requests {
        @Option(names = "--request", paramLabel = "<file>", description = "One request file.")
        Path request;

        @Option(names = "--requests", paramLabel = "<file>",
                description = "A requests file: .jsonl/.ndjson/.json or .csv, as idle batch reads it.")
        Path requests;
    }

    @Option(names = "--format", paramLabel = "jsonl|csv",
            description = "Format of --requests; default: by extension.")
    RequestSource.Format format;

    @Option(names = "--id", paramLabel = "<id>", description = "The submission's id (or --derive-ids).")
    String id;

    @Option(names = "--derive-ids", description = "Derive the submission id from the workflow and the requests, and"
            + " each missing correlationId from its request's content.")
    boolean deriveIds;

    @Option(names = "--host", paramLabel = "<file>",
            description = "Host file to plan the requests with for the blast-radius guard (needed with"
                    + " --max-affected or --confirm-affected).")
    Path host;

    @Option(names = "--not-before", paramLabel = "<instant>",
            description = "Run nothing before this ISO-8601 instant, e.g. 2027-01-03T02:00:00Z.")
    String notBefore;

    @Option(names = "--max-affected", paramLabel = "<n>|<p>%",
            description = "Refuse (and later quarantine) the submission if more requests would change something"
                    + " (default: the host's executionOptions.maxAffected).")
    String maxAffected;

    @Option(names = "--confirm-affected", paramLabel = "<n>",
            description = "Submit although more would change than --max-affected allows: repeat the count printed.")
    Long confirmAffected;

    @Mixin
    DatabaseOptions db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant after = Inputs.instant(notBefore, "--not-before");
        if (id == null && !deriveIds) {
            throw new IdleInputException("--id is required (or --derive-ids, to derive the submission id from the"
                    + " workflow and the requests)");
        }
        BlastRadiusGuard guard = BlastRadiusGuard.of(maxAffected, confirmAffected, false, false);
        DatabaseSettings settings = db.settings(System::getenv);
        String schema = db.schema();
        Idle idle = Idle.create();
        DataMap tree = idle.loadWorkflow(workflow);
        idle.prepare(tree, workflow.toString()); // a workflow that is not valid is refused here, not by a worker
        SubmissionSpec.Builder builder = SubmissionSpec.builder(tree, workflow.toString()).id(id).notBefore(after);
        List<LifecycleRequest> all = read(builder);
        if (deriveIds) {
            builder.deriveIds();
        }
        MaxAffected limit = limit(guard, idle, tree, all, err);
        builder.maxAffected(limit, confirmAffected);
        SubmissionSpec submission = builder.build();
        Submission done;
        try (DbosClient client = DbosClient.open(settings, schema)) {
            done = client.submit(submission);
        }
        err.println("idle submit: " + (done.alreadySubmitted() ? "already submitted as " + done.id()
                + "; nothing new was submitted" : "submitted " + done.id() + ": " + all.size()
                + (all.size() == 1 ? " request" : " requests") + (after == null ? "" : ", not before " + after)));
        out.println(json(done, all.size(), after));
        return IdleCli.OK;
    }

    /** Adds the requests to {@code builder}; every line of a requests file must be a valid request. */
    private List<LifecycleRequest> read(SubmissionSpec.Builder builder) {
        List<LifecycleRequest> all = new ArrayList<>();
        if (requests.request != null) {
            LifecycleRequest r = Inputs.request(requests.request);
            builder.request(r, 1);
            all.add(r);
            return all;
        }
        List<String> problems = new ArrayList<>();
        try (RequestSource source = RequestSource.open(requests.requests, format)) {
            for (RequestSource.Item item = source.next(); item != null; item = source.next()) {
                if (item.error() != null) {
                    problems.add(item.error());
                } else {
                    builder.request(item.request(), item.line());
                    all.add(item.request());
                }
            }
        } catch (UncheckedIOException e) {
            throw new IdleInputException(requests.requests + ": cannot be read to the end; nothing was submitted: "
                    + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new IdleInputException(requests.requests + ": not every line is a valid request; nothing was"
                    + " submitted:", problems);
        }
        if (all.isEmpty()) {
            throw new IdleInputException(requests.requests + ": holds no request; nothing was submitted");
        }
        return all;
    }

    /** The guard's limit for the submission, after counting with the host when there is anything to check. */
    private MaxAffected limit(BlastRadiusGuard guard, Idle idle, DataMap tree, List<LifecycleRequest> all,
                              PrintWriter err) {
        if (host == null) {
            if (maxAffected != null || confirmAffected != null) {
                throw new IdleInputException((maxAffected != null ? "--max-affected" : "--confirm-affected")
                        + " needs --host: the requests are planned with the host's providers to count those that"
                        + " would change something");
            }
            return null;
        }
        try (Host h = Host.load(host)) {
            return guard.applyToSubmission(h.executionOptions(), host.toString(), () -> idle.batch()
                    .workflow(tree, workflow.toString()).providers(h.providers())
                    .executionOptions(h.executionOptions()).build().countAffected(RequestSource.of(all)), err);
        }
    }

    private static String json(Submission done, int requests, Instant notBefore) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("submission", done.id());
            g.writeNumberField("requests", requests);
            g.writeBooleanField("alreadySubmitted", done.alreadySubmitted());
            g.writeStringField("notBefore", notBefore == null ? null : notBefore.toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
