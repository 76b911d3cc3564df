package dev.idle.cli;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.StepOutcome;
import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventTypes;
import dev.idle.provider.mock.MockIdentity;
import dev.idle.provider.mock.MockProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle demo [--state <dir>]}: runs the bundled Joiner, Mover and Leaver workflows on the mock provider, then
 * the Leaver again, so one run shows a leaver's sessions revoked ({@code changed: true}) and the repeat changing
 * nothing ({@code changed: false}).
 */
@Command(name = "demo", description = "Run a Joiner, a Mover and a Leaver (twice) on the mock provider; no set-up needed.")
final class DemoCommand implements Callable<Integer> {
    private static final String USER = "jdoe";

    @Option(names = "--state", paramLabel = "<dir>",
            description = "Keep the mock provider's state in <dir>/mock-state.json (default: fresh, in memory).")
    Path stateDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Idle idle = Idle.create();
        out.println("IdLE demo: mock provider, " + (stateDir == null ? "fresh in-memory state"
                : "state in " + stateDir.resolve("mock-state.json")));
        boolean ok;
        try (Host host = host()) {
            Providers providers = host.providers();
            MockProvider mock = (MockProvider) providers.get("Identity");
            ok = run(idle, providers, "joiner", "Joiner",
                    DataMap.of("DisplayName", "John Doe", "Department", "IT", "Title", "Engineer"), out);
            signIn(mock, out);
            ok &= run(idle, providers, "mover", "Mover", DataMap.of("Department", "Sales",
                    "TargetContainer", "OU=Sales,OU=Users,DC=example,DC=com"), out);
            ok &= run(idle, providers, "leaver", "Leaver", new DataMap(), out);
            out.println();
            out.println("Running the Leaver again: nothing is left to change.");
            ok &= run(idle, providers, "leaver", "Leaver", new DataMap(), out);
        }
        return ok ? IdleCli.OK : IdleCli.RUN_FAILED;
    }

    /** The demo's host: one mock provider, in memory or backed by {@code <state>/mock-state.json}. */
    private Host host() throws IOException {
        DataMap mock = DataMap.of("type", "mock");
        Path base = Path.of(".").toAbsolutePath();
        if (stateDir != null) {
            Files.createDirectories(stateDir);
            base = stateDir.toAbsolutePath();
            mock.put("stateFile", "mock-state.json");
        }
        return Host.fromData(DataMap.of("providers", DataMap.of("Identity", mock)), base, "demo host",
                System::getenv);
    }

    /** The user signs in on two devices, so the Leaver has sessions to revoke. */
    private static void signIn(MockProvider mock, PrintWriter out) {
        mock.store().atomically(() -> {
            MockIdentity id = mock.store().get(USER);
            if (id != null && id.sessions().isEmpty()) {
                id.session("s-outlook", "Outlook").session("s-teams", "Teams");
            }
            return null;
        });
        MockIdentity id = mock.store().get(USER);
        out.println();
        out.println(USER + " signs in: " + (id == null ? 0 : id.sessions().size()) + " active sessions.");
    }

    private static boolean run(Idle idle, Providers providers, String file, String event, DataMap intent,
                               PrintWriter out) {
        DataMap workflow = idle.parseWorkflow(resource("demo/" + file + ".psd1"), "demo/" + file + ".psd1");
        LifecycleRequest request = LifecycleRequest.create(event, null, "idle-demo", DataMap.of("Id", USER), intent,
                new DataMap());
        Plan plan = idle.plan(workflow, request, providers, "demo/" + file + ".psd1");
        ExecutionResult result = idle.invoke(plan, providers, null, ExecutionOptions.defaults());
        out.println();
        out.printf("%s (%s) -> %s%n", plan.workflowName(), event, result.status());
        for (StepOutcome s : result.steps()) {
            out.printf("  %-28s %-14s changed: %s%s%n", s.name(), s.status(), s.changed(),
                    s.error() == null ? "" : "  error: " + s.error());
        }
        result.events().stream().filter(e -> e.type().equals(EventTypes.CUSTOM))
                .forEach(e -> out.println("  event: " + e.message()));
        return result.status() == dev.idle.api.RunStatus.Completed;
    }

    private static String resource(String name) {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled demo file missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
