package dev.idle.cli.simulators;

import dev.idle.api.LineFile;
import dev.idle.cli.IdleCli;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RequestRecord;
import dev.idle.graphsim.Seed;
import dev.idle.simsupport.SimulatorDurations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle graph-simulator}: starts the Microsoft Graph simulator on 127.0.0.1 with a seed file, prints where it
 * listens and which trust store to use, then prints the request log until Ctrl-C.
 */
@Command(name = "graph-simulator", description = {
        "Start the Microsoft Graph simulator (HTTPS on 127.0.0.1) for local trials of the Entra ID provider.",
        "Prints the Graph base URL, the authority host and the trust store, then the request log; stops on Ctrl-C."})
final class GraphSimulatorCommand implements Callable<Integer> {
    @Option(names = "--seed", paramLabel = "<file>", description = "Seed file (YAML or JSON): apps, users, groups, "
            + "administrativeUnits, and optional pageSize, latency, throttle.")
    Path seed;

    @Option(names = "--port", paramLabel = "<n>", defaultValue = "0", description = "Port (default: ephemeral).")
    int port;

    @Option(names = "--dir", paramLabel = "<dir>", description = "Where to write server.p12 and truststore.p12 "
            + "(default: a temp directory removed on exit).")
    Path dir;

    @Option(names = "--log", paramLabel = "<file>", description = "Append the request log to <file> instead of stdout.")
    Path logFile;

    @Option(names = "--page-size", paramLabel = "<n>", description = "Default page size of collections (default 100).")
    Integer pageSize;

    @Option(names = "--latency", paramLabel = "<duration>", description = "Delay added to every request, e.g. 50ms.")
    String latency;

    @Option(names = "--throttle", paramLabel = "<writes>/<window>",
            description = "Answer 429 beyond <writes> writes per <window>, e.g. 3/1s.")
    String throttle;

    @Option(names = "--retry-after", paramLabel = "<duration>", defaultValue = "1s",
            description = "Retry-After given with a throttled write (default 1s).")
    String retryAfter;

    @Mixin
    UntilStopped running;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        // opened first: a log path that cannot be written stops the command (exit 2) before the server starts
        try (LineFile log = logFile == null ? null : LineFile.append(logFile)) {
            return run(out, log);
        }
    }

    private int run(PrintWriter out, LineFile log) throws IOException, InterruptedException {
        Consumer<RequestRecord> sink;
        if (log == null) {
            sink = r -> {
                synchronized (out) {
                    out.println(r.line());
                    out.flush();
                }
            };
        } else {
            sink = r -> {
                try {
                    log.writeLine(r.time() + " " + r.line());
                } catch (IOException e) {
                    spec.commandLine().getErr().println("idle: cannot write the request log: " + e.getMessage());
                }
            };
        }
        GraphSimulator.Builder b = GraphSimulator.builder().port(port).onRequest(sink);
        if (dir != null) {
            b.workDirectory(dir);
        }
        GraphSimulator sim = b.build();
        try {
            if (pageSize != null) {
                sim.pageSize(pageSize);
            }
            if (latency != null) {
                sim.latency(SimulatorDurations.parse(latency));
            }
            if (throttle != null) {
                String[] parts = throttle.split("/", 2);
                if (parts.length != 2) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--throttle takes <writes>/<window>, e.g. 3/1s");
                }
                sim.throttle(Integer.parseInt(parts[0].trim()), SimulatorDurations.parse(parts[1]), SimulatorDurations.parse(retryAfter));
            }
            if (seed != null) {
                Seed.load(sim, seed);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
        sim.start();
        out.println("Graph simulator listening");
        out.println("  Graph base URL:  " + sim.graphBaseUrl());
        out.println("  Authority host:  " + sim.authorityHost() + "  (authority: " + sim.authorityHost() + "<tenantId>)");
        out.println("  Trust store:     " + sim.trustStore() + " (PKCS12)");
        out.println("  Trust store password: " + new String(sim.trustStorePassword()));
        out.println("  Users: " + sim.users().size() + "; stop with Ctrl-C. Request log:");
        out.flush();
        running.await(sim::close, "graph-simulator-stop");
        return IdleCli.OK;
    }
}
