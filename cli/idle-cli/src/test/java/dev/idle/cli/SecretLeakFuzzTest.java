package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated requests carry secrets under many key names (the names that leaked before: {@code Authorization},
 * {@code X-Api-Key}, {@code Pwd}, {@code Pin}, {@code SessionCookie}, and more) and in many shapes (top level,
 * nested maps, lists, credential text under ordinary keys), and templates copy them into messages, attributes and an
 * identity key whose provider error echoes it (a template reads only keys that are valid path segments, so the
 * top-level secret is one of those). Each request goes through {@code plan}, {@code invoke} (result, events,
 * verbose console) and {@code invoke --plan} with the mock provider; no secret value may appear in any output.
 * Seeded, so a failure repeats; a plain JUnit test (the jqwik property suite is separate).
 */
class SecretLeakFuzzTest {
    private static final long SEED = 13L;
    private static final int REQUESTS = 24;

    private static final List<String> SECRET_KEYS = List.of("Authorization", "X-Api-Key", "Pwd", "Pin",
            "SessionCookie", "TemporaryPassword", "client_secret", "password", "apiKey", "accessToken", "refresh_token",
            "Proxy-Authorization", "db.password", "PrivateKey", "Credentials", "secret", "AccountPassword", "PIN",
            "x_api_key", "bearerToken", "SimPin", "Set-Cookie", "Passphrase", "ClientSecret");

    /** Ways a credential shows up inside ordinary text; each embeds the secret once. */
    private static final List<Function<String, String>> CREDENTIAL_TEXT = List.of(
            s -> "Bearer " + s,
            s -> "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi" + s + ".c2ln" + s,
            s -> "-----BEGIN RSA PRIVATE KEY-----\nMIIE" + s + "\n-----END RSA PRIVATE KEY-----",
            s -> "Server=db;User Id=app;Password=" + s + ";Encrypt=true",
            s -> "Driver={ODBC};Pwd=" + s,
            s -> "DefaultEndpointsProtocol=https;AccountKey=" + s + ";EndpointSuffix=core",
            s -> "Endpoint=sb://ns/;SharedAccessKeyName=Root;SharedAccessKey=" + s,
            s -> "ldaps://svc:" + s + "@dc1.example.com/",
            s -> "client_secret=" + s + "&grant_type=client_credentials",
            s -> "{\"access_token\": \"" + s + "\"}",
            s -> "Authorization: Basic " + s);

    @TempDir
    Path dir;

    private final Random random = new Random(SEED);

    private String secretValue() {
        StringBuilder sb = new StringBuilder("Sx");
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        for (int i = 0; i < 14; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** One generated case: its files and the secret values it holds. */
    private record Case(Path workflow, Path request, List<String> secrets) {
    }

    private Case generate(int n) throws IOException {
        List<String> secrets = new ArrayList<>();
        String top = pick(SECRET_KEYS.stream().filter(k -> k.matches("[A-Za-z0-9_]+")).toList());
        String nested = pick(SECRET_KEYS);
        String listed = pick(SECRET_KEYS);
        String inContext = pick(SECRET_KEYS);
        String topValue = secretValue();
        String nestedValue = secretValue();
        String listedValue = secretValue();
        String contextValue = secretValue();
        String noteSecret = secretValue();
        String keySecret = secretValue();
        secrets.addAll(List.of(topValue, nestedValue, listedValue, contextValue, noteSecret, keySecret));
        String notes = "ticket " + n + ": " + pick(CREDENTIAL_TEXT).apply(noteSecret) + " (from HR)";
        String badKey = pick(CREDENTIAL_TEXT).apply(keySecret);
        Path request = Files.writeString(dir.resolve("request-" + n + ".json"), """
                { "lifecycleEvent": "Joiner", "correlationId": "fuzz-%d", "identityKeys": { "Id": "user%d" },
                  "intent": { %s: %s, "Profile": { "Display": "User %d", %s: %s },
                              "Devices": [ { "Name": "laptop" }, { %s: %s } ],
                              "Notes": %s, "BadKey": %s },
                  "context": { "Session": { %s: %s } } }
                """.formatted(n, n, json(top), json(topValue), n, json(nested), json(nestedValue), json(listed),
                json(listedValue), json(notes), json(badKey), json(inContext), json(contextValue)));
        String topPath = "Request.Intent." + top;
        Path workflow = Files.writeString(dir.resolve("workflow-" + n + ".psd1"), """
                @{ Name = 'Fuzz'; LifecycleEvent = 'Joiner'
                   Steps = @(
                     @{ Name = 'Note'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'note {{Request.Intent.Notes}}' } }
                     @{ Name = 'Tell'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'value {{%s}} for {{Request.IdentityKeys.Id}}' } }
                     @{ Name = 'Create'; Type = 'IdLE.Step.CreateIdentity'
                        With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'
                                  Attributes = @{ InitialPassword = '{{%s}}'; Description = '{{Request.Intent.Notes}}' } } }
                     @{ Name = 'Describe'; Type = 'IdLE.Step.EnsureAttributes'
                        With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'
                                  Attributes = @{ Comment = 'see {{%s}}'; Info = '{{Request.Intent.Notes}}' } } }
                     @{ Name = 'Echo'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = '{{Request.Intent.BadKey}}' } }
                   ) }
                """.formatted(topPath, topPath, topPath));
        return new Case(workflow, request, secrets);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void secretsUnderManyNamesAndShapesNeverReachAnyOutput() throws IOException {
        Path host = Files.writeString(dir.resolve("host.yaml"),
                "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
        Path log = Path.of("target", "idle-test.log");
        int runs = 0;
        for (int n = 0; n < REQUESTS; n++) {
            Case c = generate(n);
            Path plan = dir.resolve("plan-" + n + ".json");
            Path result = dir.resolve("result-" + n + ".json");
            Path events = dir.resolve("events-" + n + ".jsonl");
            CliRun planRun = CliRun.of("plan", "--workflow", c.workflow().toString(), "--request",
                    c.request().toString(), "--host", host.toString(), "--out", plan.toString());
            CliRun invoke = CliRun.of("invoke", "--workflow", c.workflow().toString(), "--request",
                    c.request().toString(), "--host", host.toString(), "--result", result.toString(), "--events",
                    events.toString(), "-v");
            CliRun invokePlan = CliRun.of("invoke", "--plan", plan.toString(), "--host", host.toString());

            assertThat(planRun.exit()).as(planRun.err()).isZero();
            assertThat(invoke.exit()).as("the last step fails on an unknown identity: %s", invoke.err()).isEqualTo(3);
            assertThat(invokePlan.exit()).as(invokePlan.err()).isEqualTo(2);
            assertThat(invokePlan.err()).contains("not executable").contains("redacted");
            String everything = String.join("\n", Files.readString(plan), Files.readString(result),
                    Files.readString(events), planRun.out(), planRun.err(), invoke.out(), invoke.err(),
                    invokePlan.out(), invokePlan.err(), Files.exists(log) ? Files.readString(log) : "");
            assertThat(Files.readString(result)).contains("[REDACTED]");
            for (String secret : c.secrets()) {
                assertThat(everything).as("case %d: %s", n, Files.readString(c.request())).doesNotContain(secret);
            }
            runs++;
        }
        assertThat(runs).isEqualTo(REQUESTS);
        assertThat(Files.readString(dir.resolve("state.json"))).as("the provider received the real values")
                .contains("Sx");
    }
}
