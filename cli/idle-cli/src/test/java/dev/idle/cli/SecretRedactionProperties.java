package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated requests carry secrets under many key names (Password, TemporaryPassword, client_secret, X-Api-Key,
 * Pwd, Pin, SessionCookie, ...) and in many shapes (nested maps, lists, a {@code Bearer} token, a JWT, a private key
 * block or a connection string's password inside a longer string); the CLI plans, exports, invokes the export and
 * invokes the workflow with the mock provider, and no secret value reaches the plan export, result, events, stdout,
 * stderr or log.
 */
class SecretRedactionProperties {
    /** The fixed seed of these properties (this module has no seed hook; see junit-platform.properties). */
    static final String SEED = "1300013";

    private static final List<String> SECRET_KEYS = List.of("Password", "password", "TemporaryPassword",
            "InitialPassword", "client_secret", "ClientSecret", "Authorization", "X-Api-Key", "ApiKey", "api_key",
            "Pwd", "UserPwd", "Pin", "SessionCookie", "Cookie", "Token", "RefreshToken", "access_token", "Secret",
            "Credential", "Credentials");

    private static Path dir;

    @BeforeContainer
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("idle-secret-properties");
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** One secret in a request: the value that must never be shown, and the intent entry that carries it. */
    record Placement(String secret, String key, Object value, String templatePath) {
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    @Property(seed = SEED)
    void secretsUnderSecretNamedKeysReachNoOutput(@ForAll("keyNamedSecrets") List<Placement> secrets,
                                                  @ForAll boolean templatesReadThem) throws IOException {
        assertNoSecretInAnyOutput(secrets, templatesReadThem);
    }

    @Property(seed = SEED)
    void credentialsInsideOtherValuesReachNoOutput(@ForAll("embeddedCredentials") List<Placement> secrets,
                                                   @ForAll boolean templatesReadThem) throws IOException {
        assertNoSecretInAnyOutput(secrets, templatesReadThem);
    }

    private void assertNoSecretInAnyOutput(List<Placement> secrets, boolean templatesReadThem) throws IOException {
        Files.deleteIfExists(dir.resolve("state.json"));
        Path workflow = write("joiner.psd1", workflow(secrets, templatesReadThem));
        Path request = write("request.json", request(secrets));
        Path host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
        Path plan = dir.resolve("plan.json");
        Path result = dir.resolve("result.json");
        Path events = dir.resolve("events.jsonl");
        Path resultDirect = dir.resolve("result-direct.json");
        Path eventsDirect = dir.resolve("events-direct.jsonl");
        for (Path p : List.of(plan, result, events, resultDirect, eventsDirect)) {
            Files.deleteIfExists(p);
        }
        Path log = Path.of("target", "idle-test.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;

        List<CliRun> runs = List.of(
                CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                        "--host", host.toString(), "--out", plan.toString()),
                CliRun.of("invoke", "--plan", plan.toString(), "--host", host.toString(),
                        "--result", result.toString(), "--events", events.toString(), "--verbose"),
                CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                        "--host", host.toString(), "--result", resultDirect.toString(),
                        "--events", eventsDirect.toString(), "--verbose"));

        StringBuilder everything = new StringBuilder();
        for (CliRun run : runs) {
            everything.append(run.out()).append('\n').append(run.err()).append('\n');
        }
        for (Path p : List.of(plan, result, events, resultDirect, eventsDirect)) {
            if (Files.exists(p)) {
                everything.append(Files.readString(p)).append('\n');
            }
        }
        if (Files.exists(log)) {
            byte[] all = Files.readAllBytes(log);
            everything.append(new String(all, (int) Math.min(logStart, all.length),
                    (int) (all.length - Math.min(logStart, all.length)), StandardCharsets.UTF_8));
        }
        for (Placement p : secrets) {
            assertThat(everything.toString()).as("output of a request with %s", p).doesNotContain(p.secret());
        }
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String workflow(List<Placement> secrets, boolean templatesReadThem) {
        StringBuilder steps = new StringBuilder("""
                @{ Name = 'Create'; Type = 'IdLE.Step.CreateIdentity'
                   With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Attributes = @{ Department = '{{Request.Intent.Department}}' } } }
                @{ Name = 'Hello'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'hello {{Request.IdentityKeys.Id}}' } }
                """);
        if (templatesReadThem) {
            for (int i = 0; i < secrets.size(); i++) {
                steps.append("@{ Name = 'Say").append(i).append("'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'value: {{")
                        .append(secrets.get(i).templatePath()).append("}} end' } }\n");
                steps.append("@{ Name = 'Set").append(i).append("'; Type = 'IdLE.Step.EnsureAttributes'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Attributes = @{ Notes = '{{")
                        .append(secrets.get(i).templatePath()).append("}}' } } }\n");
            }
        }
        steps.append("@{ Name = 'Fail'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'nobody' } }\n");
        return "@{ Name = 'Joiner'; LifecycleEvent = 'Joiner'\n   Steps = @(\n" + steps + ") }\n";
    }

    private static String request(List<Placement> secrets) {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("Department", "IT");
        for (Placement p : secrets) {
            intent.put(p.key(), p.value());
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("lifecycleEvent", "Joiner");
        request.put("correlationId", "c-1");
        request.put("identityKeys", Map.of("Id", "jdoe"));
        request.put("intent", intent);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Secret values long and random enough that no other output contains them by chance. */
    private static Arbitrary<String> secretValues() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("!@#%&*+-_=").ofMinLength(12).ofMaxLength(40)
                .filter(s -> s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter));
    }

    @Provide
    Arbitrary<List<Placement>> keyNamedSecrets() {
        Arbitrary<String> keys = Arbitraries.of(SECRET_KEYS);
        Arbitrary<Placement> placement = Combinators.combine(keys, secretValues(), Arbitraries.integers().between(0, 3))
                .as((key, secret, shape) -> switch (shape) {
                    case 0 -> new Placement(secret, "S" + key.length() + key, secret, "Request.Intent.S" + key.length() + key);
                    case 1 -> new Placement(secret, "Profile" + key.length(), Map.of(key, secret),
                            "Request.Intent.Profile" + key.length() + "." + key);
                    case 2 -> new Placement(secret, "Items" + key.length(),
                            List.of(Map.of("Kind", "x", key, secret)), "Request.Intent.Items" + key.length());
                    default -> new Placement(secret, key, secret, "Request.Intent." + key);
                });
        return placement.list().ofMinSize(1).ofMaxSize(4).uniqueElements(Placement::key);
    }

    @Provide
    Arbitrary<List<Placement>> embeddedCredentials() {
        Arbitrary<Placement> placement = Combinators.combine(secretValues(), Arbitraries.integers().between(0, 5),
                Arbitraries.of("Note", "Description", "Comment", "Header"))
                .as((secret, shape, key) -> {
                    String value = switch (shape) {
                        case 0 -> "Bearer " + secret;
                        case 1 -> "use Authorization: Bearer " + secret + " for the call";
                        case 2 -> jwt(secret);
                        case 3 -> "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----";
                        case 4 -> "Server=db.example;User Id=sa;Password=" + secret + ";Encrypt=true";
                        default -> "token: " + jwt(secret) + " (expires soon)";
                    };
                    String name = key + shape;
                    // In a JWT the secret is the base64url signature, which is what must not be shown.
                    String shown = shape == 2 || shape == 5 ? jwtSignature(value) : secret;
                    return new Placement(shown, name, value, "Request.Intent." + name);
                });
        return placement.list().ofMinSize(1).ofMaxSize(3).uniqueElements(Placement::key);
    }

    private static String jwtSignature(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("eyJ[\\w-]*\\.[\\w-]*\\.([\\w-]+)").matcher(text);
        return m.find() ? m.group(1) : text;
    }

    /** A JWT whose signature is {@code secret} (and whose payload carries it too). */
    private static String jwt(String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }
}
