package dev.idle.provider.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.cli.IdleCli;
import dev.idle.provider.support.ratelimit.RateLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code idle batch} run of {@link BatchThroughputBench}, through the CLI's own entry point
 * ({@link IdleCli#execute}) inside the bench's JVM: the same command line, host file, requests file and results file
 * an operator uses, without the JVM start-up (which the sustained rate leaves out anyway). Reads the results file back:
 * one record per request with its status and {@code finishedAt}.
 *
 * @param exit        the CLI's exit code
 * @param stderr      what it printed on stderr (the summary)
 * @param completions {@code finishedAt} of every {@code Completed} request
 * @param statuses    how many records had each status
 * @param calls       the HTTP calls the providers sent during the run (reads and writes, each attempt; from the
 *                    JVM-wide counters of {@link RateLimits}, so the bench must run nothing else meanwhile)
 */
record IdleBatchRun(int exit, String stderr, Completions completions, Map<String, Integer> statuses, long calls) {

    /** Runs {@code idle batch} with the workflow, host and requests (JSON Lines) in {@code dir}. */
    static IdleBatchRun run(Path workflow, Path host, Path requests, int concurrency) throws IOException {
        Path results = requests.resolveSibling(requests.getFileName() + ".results.jsonl");
        Files.deleteIfExists(results);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long callsBefore = callsSoFar();
        int exit = IdleCli.execute(new String[] {"batch", "--workflow", workflow.toString(), "--host", host.toString(),
                "--requests", requests.toString(), "--results", results.toString(),
                        "--concurrency", Integer.toString(concurrency)},
                new PrintWriter(out, true), new PrintWriter(err, true));
        List<Instant> finished = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        if (Files.exists(results)) {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                JsonNode record = KeycloakServer.JSON.readTree(line);
                String status = record.path("status").asText();
                statuses.merge(status, 1, Integer::sum);
                if (status.equals("Completed")) {
                    finished.add(Instant.parse(record.path("finishedAt").asText()));
                }
            }
        }
        return new IdleBatchRun(exit, err.toString().trim(), Completions.of(finished), statuses,
                callsSoFar() - callsBefore);
    }

    private static long callsSoFar() {
        return RateLimits.snapshot().stream().mapToLong(s -> s.reads() + s.writes()).sum();
    }

    /** Records that are not {@code Completed}. */
    int notCompleted() {
        return statuses.entrySet().stream().filter(e -> !e.getKey().equals("Completed"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** Writes one Leaver request per identity key ({@code identityKeys.Id}) as JSON Lines. */
    static Path requests(Path file, List<String> ids) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            lines.append("{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"bench-").append(i)
                    .append("\",\"identityKeys\":{\"Id\":\"").append(ids.get(i)).append("\"}}\n");
        }
        return Files.writeString(file, lines);
    }

    /** The workflow: one {@code RevokeIdentitySessions} step by the request's {@code identityKeys.Id}. */
    static Path revokeWorkflow(Path file) throws IOException {
        return Files.writeString(file, """
                @{ Name = 'Revoke sessions'; LifecycleEvent = 'Leaver'; Steps = @(
                  @{ Name = 'RevokeSessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
                     With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                ) }
                """);
    }
}
