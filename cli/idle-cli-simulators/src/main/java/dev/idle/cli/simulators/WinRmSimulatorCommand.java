package dev.idle.cli.simulators;

import dev.idle.cli.IdleCli;
import dev.idle.simsupport.SimulatorDurations;
import dev.idle.spi.SecretReferences;
import dev.idle.winrmsim.WinRmSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle winrm-simulator}: starts the WinRM simulator (an emulated Entra Connect server behind WS-Management over
 * HTTPS) on 127.0.0.1, prints the endpoint and the trust store, then the request log until Ctrl-C.
 */
@Command(name = "winrm-simulator", description = {
        "Start the WinRM / Entra Connect simulator (HTTPS on 127.0.0.1) for local trials of the entraconnect provider.",
        "Prints the WinRM endpoint and the trust store (PEM), then the request log; stops on Ctrl-C."})
final class WinRmSimulatorCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "<n>", defaultValue = "15986", description = "Port (default 15986; 0 = ephemeral).")
    int port;

    @Option(names = "--dir", paramLabel = "<dir>", description = "Where to write truststore.pem, truststore.p12 and "
            + "server.p12 (default: a temp directory removed on exit).")
    Path dir;

    @Option(names = "--user-file", required = true, paramLabel = "<file>",
            description = "File holding the account name the simulator accepts (an ADSync operator).")
    Path userFile;

    @Option(names = "--password-file", required = true, paramLabel = "<file>",
            description = "File holding that account's password.")
    Path passwordFile;

    @Option(names = "--cycle-polls", paramLabel = "<n>", defaultValue = "1",
            description = "Scheduler reads a started cycle stays in progress (default 1).")
    int cyclePolls;

    @Option(names = "--cycle-duration", paramLabel = "<duration>",
            description = "Time a started cycle stays in progress instead, e.g. 30s.")
    String cycleDuration;

    @Option(names = "--stuck", description = "A started cycle never finishes.")
    boolean stuck;

    @Option(names = "--access-denied", description = "Every ADSync cmdlet fails with Access is denied.")
    boolean accessDenied;

    @Mixin
    UntilStopped running;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        SecretReferences secrets = SecretReferences.of(Path.of("."));
        String user = secrets.file(userFile.toString(), "idle winrm-simulator", "--user-file").reveal();
        String password = secrets.file(passwordFile.toString(), "idle winrm-simulator", "--password-file").reveal();
        WinRmSimulator.Builder b = WinRmSimulator.builder().port(port).user(user, password).cyclePolls(cyclePolls)
                .onRequest(r -> {
                    synchronized (out) {
                        out.println(r.line());
                        out.flush();
                    }
                });
        try {
            if (cycleDuration != null) {
                b.cycleDuration(SimulatorDurations.parse(cycleDuration));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
        if (dir != null) {
            b.workDirectory(dir);
        }
        WinRmSimulator sim = b.build();
        sim.entraConnect().stuck(stuck).accessDenied(accessDenied);
        sim.start();
        out.println("WinRM simulator (Entra Connect) listening");
        out.println("  Endpoint:    " + sim.endpoint());
        out.println("  Trust store: " + sim.trustStorePem() + " (PEM)");
        out.println("  Account:     " + user + "; stop with Ctrl-C. Request log:");
        out.flush();
        running.await(sim::close, "winrm-simulator-stop");
        return IdleCli.OK;
    }
}
