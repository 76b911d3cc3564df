package dev.idle.internal.exec;

import static dev.idle.testing.TestPacks.anyWith;
import static dev.idle.testing.TestPacks.pack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionResult;
import dev.idle.api.Idle;
import dev.idle.api.JsonOutput;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.api.event.IdleEvent;
import dev.idle.spi.Step;
import dev.idle.spi.StepResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A value read from a secret-named path stays secret wherever a template puts it, and text that looks like a
 * credential is masked inside longer strings: the step (and the provider behind it) gets the real value, while the
 * plan export, the result, the events and error messages show {@code [REDACTED]}.
 */
class SecretsFollowTheValueTest {
    private static final String PASSWORD = "Initial-Secret-9";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqZG9lIn0.c2lnbmF0dXJlLTEyMzQ";

    /** What the "provider" received, one copy of the inputs per call. */
    private final List<DataMap> received = new ArrayList<>();
    private final List<IdleEvent> sinkEvents = new ArrayList<>();

    /** {@code Test.Provision}: records its inputs, echoes them in an event and in its output. */
    private final Step provision = StubStep.of("Test.Provision", (ctx, call) -> {
        received.add((DataMap) Values.deepCopy(ctx.with()));
        ctx.events().write("Provisioned", "provider said: " + ctx.with().get("Welcome"),
                DataMap.of("echo", Values.deepCopy(ctx.with())));
        return new StepResult(true, DataMap.of("Echo", "got " + ctx.with().get("Password")));
    });

    /** {@code Test.Reject}: fails like a provider whose exception message echoes the request's headers. */
    private final Step reject = StubStep.of("Test.Reject", (ctx, call) -> {
        throw new IllegalStateException("401 Unauthorized for POST /users; request headers: Authorization: Bearer "
                + JWT + "\nAccept: application/json");
    });

    private final Idle idle = Idle.withStepPacks(List.of(pack("Secrets.Pack",
            List.of(anyWith("Test.Provision"), anyWith("Test.Reject")), List.of(provision, reject))));

    private Plan plan(String steps, DataMap intent) {
        DataMap workflow = idle.parseWorkflow("@{ Name = 'w'; LifecycleEvent = 'Joiner'; Steps = @(" + steps + ") }",
                "w.psd1");
        return idle.plan(workflow, LifecycleRequest.create("Joiner", "c-1", null, DataMap.of("Id", "jdoe"), intent,
                null), null, "w.psd1");
    }

    private ExecutionResult run(Plan plan) {
        return idle.invokePlan(plan).eventSink(sinkEvents::add).run();
    }

    /** Everything a run writes: the export, the result JSON (with its events) and each event line. */
    private String everyOutput(Plan plan, ExecutionResult result) {
        StringBuilder all = new StringBuilder(idle.export(plan)).append('\n').append(JsonOutput.result(result));
        sinkEvents.forEach(e -> all.append('\n').append(JsonOutput.eventLine(e)));
        return all.toString();
    }

    @Test
    void templateReadingASecretNamedValueReachesTheProviderButNoOutput() {
        Plan plan = plan("@{ Name = 'Create'; Type = 'Test.Provision'; With = @{ "
                        + "Password = '{{Request.Intent.TemporaryPassword}}'; "
                        + "Welcome = 'Welcome, your first password is {{Request.Intent.TemporaryPassword}}' } }",
                DataMap.of("TemporaryPassword", PASSWORD));

        ExecutionResult result = run(plan);

        assertThat(received).singleElement().satisfies(with -> {
            assertThat(with.get("Password")).isEqualTo(PASSWORD);
            assertThat(with.get("Welcome")).isEqualTo("Welcome, your first password is " + PASSWORD);
        });
        String outputs = everyOutput(plan, result);
        assertThat(outputs).doesNotContain(PASSWORD).contains("provider said: Welcome, your first password is [REDACTED]")
                .contains("\"Welcome\": \"[REDACTED]\"").contains("\"executable\": false")
                .contains("which are redacted: With.Password")
                .contains("step 'Create' has a secret value copied into its inputs, which is redacted: With.Welcome");
    }

    @Test
    void bearerTokenInsideAMessageIsMaskedInEventsAndResult() {
        Plan plan = plan("@{ Name = 'Call'; Type = 'Test.Reject' }", new DataMap());

        ExecutionResult result = run(plan);

        assertThat(result.steps().get(0).error())
                .isEqualTo("401 Unauthorized for POST /users; request headers: Authorization: [REDACTED]\n"
                        + "Accept: application/json");
        assertThat(everyOutput(plan, result)).doesNotContain(JWT).doesNotContain("eyJ")
                .contains("Authorization: [REDACTED]");
    }

    @Test
    void credentialsInsideRequestTextUnderOrdinaryKeysAreMaskedInEveryOutput() {
        String connection = "Server=db;User Id=app;Password=Db-Pass-77;Encrypt=true";
        Plan plan = plan("@{ Name = 'Create'; Type = 'Test.Provision'; With = @{ "
                        + "Welcome = 'token {{Request.Intent.Notes}}'; Connection = '{{Request.Intent.Db}}' } }",
                DataMap.of("Notes", "use " + JWT + " for the API", "Db", connection));

        ExecutionResult result = run(plan);

        assertThat(received).singleElement().satisfies(with -> assertThat(with.get("Connection")).isEqualTo(connection));
        assertThat(everyOutput(plan, result)).doesNotContain(JWT).doesNotContain("Db-Pass-77")
                .contains("Password=[REDACTED];Encrypt=true").contains("token use [REDACTED] for the API")
                .contains("step 'Create' has secret-named or credential values in its inputs, which are redacted:")
                .contains("With.Connection").contains("With.Welcome");
    }
}
