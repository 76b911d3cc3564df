package dev.idle.internal.exec;

import static dev.idle.internal.exec.PlannedStep.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What a failed step's error says: its root cause in one line, not the chain of wrappers around it. */
class ExecutorStepErrorTest {

    @Test
    void stepErrorShowsTheRootCauseInOneLineNotTheWrapperChain() {
        ConnectException refused = new ConnectException("127.0.0.1:1234");
        RuntimeException chain = new RuntimeException(new ExecutionException(
                new IllegalStateException(new UncheckedIOException(new java.io.IOException(refused)))));
        StubStep disable = StubStep.of("Stub.Disable", (ctx, call) -> {
            throw chain;
        });

        Execution run = ExecutorTestKit.handlers(disable).steps(step("Disable account", "Stub.Disable")).run();

        assertThat(run.step("Disable account").error()).isEqualTo("connection refused (127.0.0.1:1234)");
        assertThat(run.result().events()).filteredOn(e -> e.type().equals("StepFailed"))
                .singleElement().satisfies(e -> assertThat(e.data().get("error"))
                        .isEqualTo("connection refused (127.0.0.1:1234)"));
    }

    @Test
    void anAuthoredMessageIsKeptEvenWhenTheExceptionHasACause() {
        StubStep step = StubStep.of("Stub.Step", (ctx, call) -> {
            throw new IllegalStateException("directory said no", new ConnectException());
        });

        Execution run = ExecutorTestKit.handlers(step).steps(step("A", "Stub.Step")).run();

        assertThat(run.step("A").error()).isEqualTo("directory said no");
    }
}
