package dev.idle.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.idle.api.IdleInputException;
import dev.idle.runner.Approval;
import dev.idle.runner.DistributedRunner.SubmissionState;
import dev.idle.runner.DistributedRunner.SubmissionStatus;
import dev.idle.runner.dbos.DbosClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code idle status ID [--json]}: where a submission or one request's run stands (for a finished request run, its
 * results record too); {@code idle status --scheduled [--json]}: the submissions that wait, for their not-before time
 * or in quarantine (id, not-before, number of requests). Text for people, or with {@code --json} one JSON object per
 * submission or run ({@code id}, {@code kind}, {@code state}, {@code notBefore}, {@code requests}, {@code finished},
 * {@code refused}, {@code affected}, and {@code result} for a finished request run).
 *
 * <p>{@code --plan-out FILE} / {@code --html FILE} with a request's id: the plan it waits for approval with, as the
 * plan export and as the HTML plan report ({@link ApprovalPlanOutputs}).
 *
 * <p>Exit 0; 2 when no submission or request has the id, or (with --plan-out/--html) the run has no plan to review;
 * 5 when a file could not be written.
 */
@Command(name = "status", description = "Show where a submission or request stands, or what is scheduled.")
final class StatusCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** An id, or --scheduled. */
    static final class Which {
        @Parameters(paramLabel = "ID", description = "A submission id or a request's correlation id.")
        String id;

        @Option(names = "--scheduled", description = "List the submissions that wait (scheduled or quarantined).")
        boolean scheduled;
    }

    @Option(names = "--json", description = "Print JSON (one object per line) instead of text.")
    boolean json;

    @Option(names = "--plan-out", paramLabel = "<plan.json>",
            description = "With an ID: write the plan the run waits for approval with (the plan export).")
    Path planOut;

    @Option(names = "--html", paramLabel = "<file>",
            description = "With an ID: write that plan as an HTML report to review before idle approve.")
    Path html;

    @Mixin
    DatabaseOptions db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (which.scheduled && (planOut != null || html != null)) {
            throw new ParameterException(spec.commandLine(), "--plan-out and --html need a request's ID, not"
                    + " --scheduled");
        }
        try (ApprovalPlanOutputs planOutputs = ApprovalPlanOutputs.open(planOut, html);
             DbosClient client = db.client()) {
            if (which.scheduled) {
                List<SubmissionStatus> waiting = client.scheduled();
                if (waiting.isEmpty() && !json) {
                    out.println("nothing is scheduled");
                }
                waiting.forEach(s -> out.println(json ? json(s, null, null) : scheduledLine(s)));
                return IdleCli.OK;
            }
            SubmissionStatus s = client.details(which.id).orElseThrow(() -> new IdleInputException(
                    "no submission or request has id '" + which.id + "'"));
            Optional<String> result = s.submission() ? Optional.empty() : client.result(s.id());
            String planHash = s.state() == SubmissionState.AwaitingApproval
                    ? client.approval(s.id()).map(Approval::planHash).orElse(null) : null;
            if (json) {
                out.println(json(s, result.orElse(null), planHash));
            } else {
                out.println(text(s, planHash));
                result.ifPresent(out::println);
            }
            if (planOutputs != null) {
                return planOutputs.write(client, s.id(), spec.commandLine().getErr());
            }
        }
        return IdleCli.OK;
    }

    private static String scheduledLine(SubmissionStatus s) {
        return s.id() + "  " + (s.notBefore() == null ? "now" : "not before " + s.notBefore()) + "  "
                + s.requests() + (s.requests() == 1 ? " request" : " requests")
                + (s.state() == SubmissionState.Quarantined ? "  Quarantined: " + s.affected() + " would change"
                + " something" : "");
    }

    private static String text(SubmissionStatus s, String planHash) {
        StringBuilder line = new StringBuilder(s.submission() ? "submission " : "request ").append(s.id())
                .append(": ").append(s.state());
        if (s.notBefore() != null && s.state() == SubmissionState.Waiting) {
            line.append(", not before ").append(s.notBefore());
        }
        if (s.submission()) {
            line.append("; ").append(s.finished()).append(" of ").append(s.requests()).append(" requests finished");
            if (s.refused() > 0) {
                line.append(", ").append(s.refused()).append(" refused (their correlationId names a run of another"
                        + " request)");
            }
        }
        if (s.state() == SubmissionState.Quarantined) {
            line.append("; ").append(s.affected()).append(" of ").append(s.requests()).append(" requests would"
                    + " change something, more than its limit: nothing runs until released with idle approve"
                    + " --submission ").append(s.id()).append(" --confirm-affected ").append(s.affected());
        }
        if (planHash != null) {
            line.append("; plan hash ").append(planHash).append(": approve with idle approve ").append(s.id())
                    .append(" --plan-hash ").append(planHash).append(", or idle reject ").append(s.id())
                    .append(" --reason <text>");
        }
        return line.toString();
    }

    private static String json(SubmissionStatus s, String result, String planHash) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("id", s.id());
            g.writeStringField("kind", s.submission() ? "submission" : "request");
            g.writeStringField("state", s.state().name());
            g.writeStringField("notBefore", s.notBefore() == null ? null : s.notBefore().toString());
            g.writeNumberField("requests", s.requests());
            g.writeNumberField("finished", s.finished());
            g.writeNumberField("refused", s.refused());
            if (s.affected() == null) {
                g.writeNullField("affected");
            } else {
                g.writeNumberField("affected", s.affected());
            }
            if (planHash != null) {
                g.writeStringField("planHash", planHash);
            }
            if (result != null) {
                g.writeFieldName("result");
                g.writeRawValue(result);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
