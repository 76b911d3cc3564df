package dev.idle.cli.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.cli.IdleCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idle winrm-simulator} serves the template run of {@code idle invoke} and logs requests without secrets. */
class WinRmSimulatorCommandTest {
    private static final Path UPSTREAM = Path.of("..", "..", "..", "shared", "upstream-workflows");

    @TempDir
    Path tmp;

    @Test
    void winrmSimulatorCommandServesTheEntraConnectTemplateAndLogsWithoutThePassword() throws Exception {
        Path example = Path.of("..", "..", "examples", "entraconnect");
        Path template = UPSTREAM.resolve("templates")
                .resolve("directorysync-entraconnect-trigger-sync.psd1");
        dev.idle.testkit.UpstreamCorpus.require(template);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(IdleCli.execute(new String[] {"winrm-simulator", "--port", "0",
                "--dir", tmp.resolve("simulator").toString(), "--cycle-polls", "0",
                "--user-file", example.resolve("secrets/entraconnect.user").toString(),
                "--password-file", example.resolve("secrets/entraconnect.password").toString(),
                "--stop-after", "20s"}, new PrintWriter(out, true), new PrintWriter(err, true))));
        t.start();
        Pattern endpoint = Pattern.compile("Endpoint:\\s+(\\S+)");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!out.toString().contains("Request log:") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Matcher m = endpoint.matcher(out.toString());
        assertThat(m.find()).as(out + err.toString()).isTrue();

        Files.createDirectories(tmp.resolve("secrets"));
        for (String f : new String[] {"entraconnect.user", "entraconnect.password"}) {
            Files.copy(example.resolve("secrets").resolve(f), tmp.resolve("secrets").resolve(f));
        }
        Path host = tmp.resolve("host.yaml");
        Files.writeString(host, Files.readString(example.resolve("host.yaml"), StandardCharsets.UTF_8)
                .replace("https://127.0.0.1:15986/wsman", m.group(1)), StandardCharsets.UTF_8);
        StringWriter runOut = new StringWriter();
        StringWriter runErr = new StringWriter();
        int runExit = IdleCli.execute(new String[] {"invoke", "--workflow", template.toString(), "--request",
                example.resolve("request.json").toString(), "--host", host.toString()},
                new PrintWriter(runOut, true), new PrintWriter(runErr, true));
        assertThat(runExit).as(runErr + runOut.toString()).isZero();

        String log = out.toString();
        assertThat(log).contains("Start-ADSyncSyncCycle -PolicyType Delta -> exit 0")
                .contains("Get-ADSyncScheduler -> exit 0")
                .doesNotContain(Files.readString(example.resolve("secrets/entraconnect.password")).strip());
        t.interrupt();
    }
}
