package dev.idle.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bench command, not a test: writes every hostile input of issue 13's "Why" list into a temp folder and runs each
 * through the CLI twice — in this JVM ({@link IdleCli#execute}) and as a child {@code java -Xmx256m} process of the
 * built CLI jar — printing exit code, wall time and the first line of the message. Run it under {@code -Xmx256m}:
 *
 * <pre>{@code
 * mvn -q -o -B package -DskipTests -pl :idle-cli -am
 * mvn -q -o -B dependency:build-classpath -pl :idle-cli -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx256m -cp cli/idle-cli/target/test-classes:cli/idle-cli/target/classes:$(cat /tmp/cp.txt) \
 *     dev.idle.cli.HostileInputsBench cli/idle-cli/target/idle-cli.jar
 * }</pre>
 */
public final class HostileInputsBench {
    private record Case(String name, String[] args) {
    }

    private final Path dir;
    private final List<Case> cases = new ArrayList<>();

    private HostileInputsBench(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("idle-hostile-");
        HostileInputsBench bench = new HostileInputsBench(dir);
        bench.writeCases();
        String jar = args.length > 0 ? Path.of(args[0]).toAbsolutePath().toString() : null;
        run(new String[] {"validate", bench.file("ok.psd1").toString()}); // class loading, not measured
        System.out.printf("%-34s %4s %9s %5s %9s  %s%n", "input", "exit", "in-JVM ms", "cli", "cli ms", "message");
        for (Case c : bench.cases) {
            long t0 = System.nanoTime();
            CliRun r = run(c.args());
            long inJvm = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String cliExit = "-";
            String cliMs = "-";
            if (jar != null) {
                long t1 = System.nanoTime();
                Process p = new ProcessBuilder(cli(jar, c.args())).directory(dir.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                cliExit = String.valueOf(p.waitFor());
                cliMs = String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
            }
            // the line that says what is wrong: after a header such as "invalid workflow (1 problem):"
            String message = (r.err().isBlank() ? r.out() : r.err()).lines().map(String::strip)
                    .filter(l -> !l.isBlank() && !l.endsWith(":") && !l.endsWith("invalid host file"))
                    .findFirst().orElse("").replace(dir + "/", "");
            System.out.printf("%-34s %4d %9d %5s %9s  %s%n", c.name(), r.exit(), inJvm, cliExit, cliMs,
                    message.length() > 150 ? message.substring(0, 150) + "…" : message);
        }
        System.out.println("inputs in " + dir);
    }

    private static List<String> cli(String jar, String[] args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", jar, "dev.idle.cli.IdleCli"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static CliRun run(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IdleCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(file(name), text, StandardCharsets.UTF_8);
    }

    private void add(String name, String... args) {
        cases.add(new Case(name, args));
    }

    private static String leaver(String with, String rootExtra) {
        return leaver(with, rootExtra, "");
    }

    private static String leaver(String with, String rootExtra, String stepExtra) {
        return "@{ Name = 'Leaver'; LifecycleEvent = 'Leaver'" + rootExtra + "\n"
                + "   Steps = @( @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'" + stepExtra + "\n"
                + "                 With = @{ IdentityKey = " + with + " } } ) }\n";
    }

    private void writeCases() throws IOException {
        Path ok = write("ok.psd1", leaver("'{{Request.IdentityKeys.Id}}'", ""));
        Path request = write("request.json",
                "{ \"LifecycleEvent\": \"Leaver\", \"identityKeys\": { \"Id\": \"jdoe\" }, \"intent\": { \"n\": 1 } }");
        write("state.json", "{ \"identities\": { \"jdoe\": { \"enabled\": true, \"attributes\": {},"
                + " \"entitlements\": [], \"sessions\": [ { \"id\": \"s1\", \"client\": \"Outlook\" } ] } } }");
        Path host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
        String h = host.toString();

        add("deeply nested .psd1", "validate", write("deep.psd1",
                "@{ Name = " + "@{a=".repeat(100_000) + "1" + "}".repeat(100_000) + " }").toString());
        add("template path, 2,000 segments", "validate", write("segments.psd1",
                leaver("'{{Request.Intent" + ".a".repeat(2_000) + "}}'", "")).toString());
        add("10,000 placeholders in a string", "validate", write("placeholders.psd1",
                leaver("'" + "{{Request.IdentityKeys.Id}}".repeat(10_000) + "'", "")).toString());
        String big = "a".repeat(100_000);
        add("Like, 100 KB pattern", "validate", write("like-pattern.psd1", leaver("'x'", "",
                "; Condition = @{ Like = @{ Path = 'Request.Intent.Text'; Pattern = '*" + big + "*' } }")).toString());
        Path likeWf = write("like-value.psd1", leaver("'{{Request.IdentityKeys.Id}}'", "",
                "; Condition = @{ Like = @{ Path = 'Request.Intent.Text'; Pattern = '*a*b' } }"));
        Path likeReq = write("like-value.json", "{ \"LifecycleEvent\": \"Leaver\", \"identityKeys\": { \"Id\": \"jdoe\" },"
                + " \"intent\": { \"Text\": \"" + big + "\" } }");
        add("Like, 100 KB value", "plan", "--workflow", likeWf.toString(), "--request", likeReq.toString());
        add("1e999999999d in .psd1", "validate", write("bigexp.psd1",
                leaver("'x'", "; Description = 'a'; Extra = 1e999999999d")).toString());
        add("1e999999999 in a request", "plan", "--workflow", ok.toString(), "--request", write("bigexp.json",
                "{ \"LifecycleEvent\": \"Leaver\", \"identityKeys\": { \"Id\": \"jdoe\" }, \"intent\": { \"n\": 1e999999999 } }")
                .toString());
        add("lone surrogate, invoke --events", "invoke", "--workflow", ok.toString(), "--request",
                write("surrogate.json", "{ \"LifecycleEvent\": \"Leaver\", \"identityKeys\": { \"Id\": \"jdoe\" },"
                        + " \"intent\": { \"Name\": \"\\ud800\" } }").toString(),
                "--host", h, "--events", file("events.jsonl").toString(), "--result", file("r1.json").toString());
        StringBuilder yaml = new StringBuilder("Name: big\nSteps:\n");
        while (yaml.length() < 50 * 1024 * 1024) {
            yaml.append("  - { Name: s, Type: IdLE.Step.EmitEvent, With: { Message: 'some text here' } }\n");
        }
        add("50 MB YAML", "validate", write("big.yaml", yaml.toString()).toString());
        Path plan = file("plan.json");
        run(new String[] {"plan", "--workflow", ok.toString(), "--request", request.toString(), "--host", h,
                "--out", plan.toString()});
        String exported = Files.readString(plan);
        add("plan: 1 edited to 1.0", "invoke", "--plan",
                write("plan-1.0.json", exported.replaceFirst("\"n\": 1\\b", "\"n\": 1.0")).toString(), "--host", h,
                "--result", file("r2.json").toString());
        add("plan: integer above 2^53", "invoke", "--plan",
                write("plan-2p53.json", exported.replaceFirst("\"n\": 1\\b", "\"n\": 9007199254740993")).toString(),
                "--host", h, "--result", file("r3.json").toString());
        add("Like with a map Pattern", "validate", write("like-map.psd1", leaver("'x'", "",
                "; Condition = @{ Like = @{ Path = 'Request.Intent.Text'; Pattern = @{ a = 1 } } }")).toString());
        add("Like with a null Pattern", "validate", write("like-null.psd1", leaver("'x'", "",
                "; Condition = @{ Like = @{ Path = 'Request.Intent.Text'; Pattern = $null } }")).toString());
        add("'[abc' in a Precondition", "validate", write("bracket.psd1", "@{ Name = 'L'; LifecycleEvent = 'Leaver'\n"
                + "   Steps = @( @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'\n"
                + "      Precondition = @{ Like = @{ Path = 'Request.Intent.Text'; Pattern = '[abc' } }\n"
                + "      With = @{ IdentityKey = 'x' } } ) }\n").toString());
        add("Description = @{}", "validate", write("description.psd1", leaver("'x'", "; Description = @{}")).toString());
        add("unknown operator", "validate", write("operator.psd1", leaver("'x'", "",
                "; Condition = @{ Equalz = @{ Path = 'Request.Intent.Text'; Value = 'a' } }")).toString());
        Path secretWf = write("secret.psd1", "@{ Name = 'L'; LifecycleEvent = 'Leaver'\n"
                + "   Steps = @( @{ Name = 'Note'; Type = 'IdLE.Step.EmitEvent'\n"
                + "      With = @{ Message = 'initial {{Request.Intent.TemporaryPassword}}' } } ) }\n");
        add("template reads a secret value", "plan", "--workflow", secretWf.toString(), "--request",
                write("secret.json", "{ \"LifecycleEvent\": \"Leaver\", \"identityKeys\": { \"Id\": \"jdoe\" },"
                        + " \"intent\": { \"TemporaryPassword\": \"Hunter2-Secret!\" } }").toString(),
                "--out", file("secret-plan.json").toString());
        add("unwritable --events path", "invoke", "--workflow", ok.toString(), "--request", request.toString(),
                "--host", h, "--events", file("missing-dir/events.jsonl").toString());
        add("Keycloak over http to a remote host", "invoke", "--workflow", ok.toString(), "--request",
                request.toString(), "--host", write("kc-host.yaml", "providers:\n  Identity:\n    type: keycloak\n"
                        + "    baseUrl: http://sso.example.com\n    realm: r\n    auth:\n      type: ClientSecret\n"
                        + "      clientId: c\n      env: KC_SECRET\n").toString(), "--result", file("r4.json").toString());
    }
}
